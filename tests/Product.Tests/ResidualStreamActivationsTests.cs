using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.Grains.Models.Activations;
using Lens.Tests;

namespace Lens.Product.Tests;

/// <summary>The product's activation store over the engine's <see cref="ResidualStreamStore"/>, fed by real forward passes.</summary>
public sealed class ResidualStreamActivationsTests : IDisposable
{
    private readonly Transformer _model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
    private readonly TempDirectory _directory = new();
    private ResidualStreamShape Shape => ResidualStreamShape.Of(_model.Config);
    private static readonly int[] Ids = [.. Enumerable.Range(0, 90).Select(i => 1 + (i * 37) % 500)];

    public void Dispose()
    {
        _model.Dispose();
        _directory.Dispose();
    }

    private ResidualStreamRecorder Record(InferenceSession session, ReadOnlySpan<int> ids)
    {
        var recorder = new ResidualStreamRecorder(Shape);
        session.Append(ids, recorder);
        return recorder;
    }

    private static float[] Expected(ResidualStreamRecorder recorded, int layer, int from, int count)
    {
        var d = recorded.Shape.Hidden;
        return [.. recorded.Slot(layer + 1).Slice((from - recorded.StartPosition) * d, count * d).ToArray().Select(x => (float)x)];
    }

    [Fact]
    public void AppendedTurnsAndARewoundTurnReadBackAsRecorded()
    {
        using var store = new ResidualStreamActivations(_directory.Path, Shape, 1 << 20);
        var id = Guid.NewGuid();
        var session = _model.StartSession();
        var prompt = Record(session, Ids.AsSpan(0, 70));
        store.Write(id, prompt);
        store.Write(id, Record(session, Ids.AsSpan(70, 10)));
        Assert.Equal(80, store.Length(id));

        // The conversation is rewound to position 50 and continues with other tokens: positions 50.. are replaced.
        var rewound = _model.StartSession();
        rewound.Append(Ids.AsSpan(0, 50));
        var other = Record(rewound, Ids.AsSpan(60, 20));
        store.Write(id, other);

        Assert.Equal(70, store.Length(id));
        int[] layers = [0, _model.Config.Layers - 1];
        var before = store.Read(id, 0, 50, layers)!;
        var after = store.Read(id, 50, 20, layers)!;
        for (var a = 0; a < layers.Length; a++)
        {
            Assert.Equal(Expected(prompt, layers[a], 0, 50), before[a]);
            Assert.Equal(Expected(other, layers[a], 50, 20), after[a]);
        }
        Assert.Null(store.Read(id, 60, 11, layers));
    }

    [Fact]
    public void ARecordingAfterAGapIsRefused()
    {
        using var store = new ResidualStreamActivations(_directory.Path, Shape, 1 << 20);
        var session = _model.StartSession();
        session.Append(Ids.AsSpan(0, 5));
        var id = Guid.NewGuid();

        var e = Assert.Throws<ArgumentException>(() => store.Write(id, Record(session, Ids.AsSpan(5, 3))));

        Assert.Contains("start at position 5 but only 0 positions are stored", e.Message);
        Assert.Equal(0, store.Length(id));
    }

    [Fact]
    public void StatusCountsConversationsInMemoryAndEvictionKeepsTheFile()
    {
        const long budget = 64 << 10;
        using var store = new ResidualStreamActivations(_directory.Path, Shape, budget);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var recorded = Record(_model.StartSession(), Ids);
        store.Write(a, recorded);
        store.Write(b, recorded);
        store.Persist(b);
        Assert.Null(store.Read(Guid.NewGuid(), 0, 1, [0]));
        var status = store.Status();
        Assert.Equal((2, budget, 1L), (status.Entries, status.MemoryLimitBytes, status.Misses));
        Assert.True(status.DiskBytes > 0);

        store.Evict(a);

        Assert.Equal(1, store.Status().Entries);
        Assert.Equal(Expected(recorded, 3, 10, 80), store.Read(a, 10, 80, [3])![0]); // from its file
        Assert.Equal(2, store.Status().Entries);
        Assert.True(store.Status().Misses > 1);

        store.Delete(a);
        store.Delete(b);

        Assert.Equal((0, 0, 0L), (store.Length(a), store.Status().Entries, store.Status().DiskBytes));
        Assert.Empty(Directory.EnumerateFiles(_directory.Path));
    }
}
