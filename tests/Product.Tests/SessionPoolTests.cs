using Lens.Engine.Inference;
using Lens.Grains.Models.Serving;
using Lens.Tests;

namespace Lens.Product.Tests;

/// <summary>The KV caches kept between turns stay within their byte bound, dropping the least recently used.</summary>
public sealed class SessionPoolTests : IDisposable
{
    private readonly Transformer _model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);

    [Fact]
    public void PastTheByteBoundTheLeastRecentlyUsedSessionIsDroppedAndItsNextTurnStartsFresh()
    {
        var perSession = Fed(_model.StartSession(), 10).Cache.Bytes;
        var pool = new SessionPool(_model, capacity: 16, memoryBytes: perSession * 5 / 2);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { a, b }) pool.Return(id, Fed(pool.Take(id, Ids(11)).Session, 10), [.. Ids(10)]);
        Assert.Equal((2, 2 * perSession), (pool.Count, pool.Bytes));

        pool.Return(c, Fed(pool.Take(c, Ids(11)).Session, 10), [.. Ids(10)]);

        Assert.Equal((2, 2 * perSession), (pool.Count, pool.Bytes));
        Assert.Empty(pool.Take(a, Ids(11)).Held); // dropped: prefills again
        var kept = pool.Take(b, Ids(11));
        Assert.Equal(Ids(10), kept.Held);
        Assert.Equal(10, kept.Session.Length);
        Assert.Equal((1, perSession), (pool.Count, pool.Bytes)); // c stays; b is lent out

        pool.Forget(c);
        Assert.Equal((0, 0L), (pool.Count, pool.Bytes));
    }

    [Fact]
    public void ASessionLargerThanTheWholeBoundIsNotKept()
    {
        var pool = new SessionPool(_model, capacity: 16, memoryBytes: 1024);
        var id = Guid.NewGuid();
        pool.Return(id, Fed(pool.Take(id, Ids(11)).Session, 10), [.. Ids(10)]);
        Assert.Equal((0, 0L), (pool.Count, pool.Bytes));
        Assert.Empty(pool.Take(id, Ids(11)).Held);
    }

    private static int[] Ids(int count) => [.. Enumerable.Range(1, count)];

    private static InferenceSession Fed(InferenceSession session, int tokens)
    {
        session.Append(Ids(tokens));
        return session;
    }

    public void Dispose() => _model.Dispose();
}
