using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Tests;

namespace Lens.Analyses.Tests;

/// <summary>
/// The two-level store fed by real forward passes of stories260K: what a conversation appends (prefill, decode steps,
/// batched steps) reads back fp16-rounded from memory or disk; eviction, deletion, truncation, status, bad inputs.
/// </summary>
public sealed class ActivationCacheStoreTests : IDisposable
{
    private const int Chunk = 8;
    private readonly Transformer _model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
    private readonly TempDirectory _dir = new();
    private ResidualStreamShape Shape => ResidualStreamShape.Of(_model.Config);

    public void Dispose() { _model.Dispose(); _dir.Dispose(); }

    private ResidualStreamStore Store(long budget = 10_000_000) => new(_dir.Path, Shape, budget, Chunk);

    private int[] Ids(int count, int seed = 0) => Enumerable.Range(0, count).Select(i => (i * 37 + seed * 11 + 1) % _model.Config.Vocab).ToArray();

    /// <summary>The engine's own capture of every layer boundary for <paramref name="ids"/> (float32).</summary>
    private float[][] Expected(int[] ids)
    {
        var capture = new ActivationCache(HookPoints.ResidPre | HookPoints.ResidPost);
        _model.Forward(ids, capture, LogitsScope.None);
        return Enumerable.Range(-1, _model.Config.Layers + 1)
            .Select(l => capture[l < 0 ? HookNames.ResidPre0 : HookNames.ResidPost(l)])
            .ToArray();
    }

    /// <summary>Prefills <paramref name="prompt"/> then decodes <paramref name="decoded"/> one by one, appending each pass.</summary>
    private void Converse(ResidualStreamStore store, string conversation, int[] prompt, int[] decoded)
    {
        var session = _model.StartSession();
        var recorder = new ResidualStreamRecorder(Shape);
        session.Append(prompt, recorder);
        store.Append(conversation, recorder);
        foreach (var id in decoded)
        {
            recorder.Clear();
            session.Append([id], recorder);
            store.Append(conversation, recorder);
        }
    }

    /// <summary>
    /// Every layer reads back within fp16 rounding of the engine's float32 values: half a unit in the last place
    /// (|x|·2⁻¹¹), plus 2·10⁻⁶ for the float32 noise between a KV-cached decode and a whole-sequence pass.
    /// </summary>
    private static void AssertLayers(ResidualStreamStore store, string conversation, float[][] expected, int d)
    {
        var positions = expected[0].Length / d;
        Assert.Equal(positions, store.Positions(conversation));
        for (var slot = 0; slot < expected.Length; slot++)
        {
            var actual = store.Read(conversation, slot - 1, 0, positions);
            for (var i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[slot][i]) <= Math.Abs(expected[slot][i]) * Math.Pow(2, -11) + 2e-6,
                    $"{conversation} layer {slot - 1} position {i / d} dimension {i % d}: read {actual[i]}, computed {expected[slot][i]}");
        }
    }

    [Fact]
    public void APrefillAndDecodeStepsReadBackAsTheForwardPassComputedThem()
    {
        using var store = Store();
        var ids = Ids(29);
        Converse(store, "chat-1", ids[..13], ids[13..]);
        AssertLayers(store, "chat-1", Expected(ids), Shape.Hidden);

        // A window inside one chunk and one across chunks.
        var d = Shape.Hidden;
        var all = store.Read("chat-1", 2, 0, ids.Length);
        Assert.Equal(all[(10 * d)..(14 * d)], store.Read("chat-1", 2, 10, 4));
        Assert.Equal(all[(5 * d)..(6 * d)], store.Read("chat-1", 2, 5, 1));
    }

    [Fact]
    public void TheCacheSurvivesEvictionAndANewStoreAndThenReadsFromDisk()
    {
        var ids = Ids(21);
        using (var store = Store())
        {
            Converse(store, "chat-1", ids[..9], ids[9..]);
            Assert.True(store.Evict("chat-1"));
            var status = store.Status();
            Assert.Equal((0, 0, 0L), (status.Entries, status.OpenConversations, status.MemoryBytes));
            AssertLayers(store, "chat-1", Expected(ids), Shape.Hidden); // from disk, including the flushed partial chunk
            Assert.True(store.Status().Misses > 0);
        }
        using var reopened = Store();
        AssertLayers(reopened, "chat-1", Expected(ids), Shape.Hidden);
        Converse(reopened, "chat-2", ids[..3], []);

        // Appending continues the partial last chunk that was written on eviction.
        var session = _model.StartSession();
        session.Append(ids);
        var recorder = new ResidualStreamRecorder(Shape);
        session.Append([5, 6, 7], recorder);
        reopened.Append("chat-1", recorder);
        AssertLayers(reopened, "chat-1", Expected([.. ids, 5, 6, 7]), Shape.Hidden);
    }


    [Fact]
    public void OpenChunksGrowSealAndReopenAcrossALongConversation()
    {
        var ids = Ids(75);
        using (var store = new ResidualStreamStore(_dir.Path, Shape, 10_000_000, chunkPositions: 32))
        {
            Converse(store, "long", ids[..3], ids[3..45]);  // the open chunk grows 8 → 16 → 32 rows, seals, then grows again
            Assert.Equal((long)Shape.Slots * 16 * Shape.Hidden * 2, store.Status().OpenChunkBytes);
            store.Evict("long");                             // 13 rows of chunk 1 written as a partial record
            var session = _model.StartSession();
            session.Append(ids[..45]);
            var recorder = new ResidualStreamRecorder(Shape);
            foreach (var id in ids[45..]) session.Append([id], recorder);
            store.Append("long", recorder);                  // reopened: continues chunk 1, seals it, opens chunk 2
            AssertLayers(store, "long", Expected(ids), Shape.Hidden);
        }
        using var reopened = new ResidualStreamStore(_dir.Path, Shape, 10_000_000, chunkPositions: 32);
        AssertLayers(reopened, "long", Expected(ids), Shape.Hidden);
    }
    [Fact]
    public void HitsMissesAndDiskBytesReadAreCounted()
    {
        var ids = Ids(3 * Chunk);
        using (var store = Store()) Converse(store, "chat-1", ids, []);
        using var reopened = Store();
        var file = new FileInfo(Path.Combine(_dir.Path, "chat-1" + ResidualStreamStore.FileExtension));

        reopened.Read("chat-1", 1, Chunk, 2);            // one layer of one chunk: from disk
        var first = reopened.Status();
        Assert.Equal((0L, 1L, 1), (first.Hits, first.Misses, first.Entries));
        Assert.InRange(first.DiskBytesRead, 1, file.Length / Shape.Slots);
        reopened.Read("chat-1", 1, Chunk + 3, 5);        // the same chunk: from memory
        var second = reopened.Status();
        Assert.Equal((1L, 1L, first.DiskBytesRead), (second.Hits, second.Misses, second.DiskBytesRead));
        Assert.Equal(file.Length, second.DiskBytes);
        Assert.Equal(1, second.DiskConversations);
    }

    [Fact]
    public void MemoryStaysWithinItsBudgetAcrossConversations()
    {
        var chunkBytes = Chunk * Shape.Hidden * 2 + ResidualStreamCache.EntryOverhead;
        var budget = 10 * chunkBytes;
        using var store = Store(budget);
        for (var c = 0; c < 4; c++)
        {
            Converse(store, $"chat-{c}", Ids(3 * Chunk + 2, c), []);
            Assert.True(store.Status().MemoryBytes <= budget);
        }
        for (var c = 0; c < 4; c++) AssertLayers(store, $"chat-{c}", Expected(Ids(3 * Chunk + 2, c)), Shape.Hidden);
        var status = store.Status();
        Assert.True(status.MemoryBytes <= budget, $"{status.MemoryBytes} > {budget}");
        Assert.True(status.Evictions > 0);
        Assert.Equal(4 * (long)Shape.Slots * Chunk * Shape.Hidden * 2, status.OpenChunkBytes);
    }

    [Fact]
    public void ADeletedConversationIsGoneFromMemoryAndDisk()
    {
        using var store = Store();
        Converse(store, "chat-1", Ids(12), []);
        Converse(store, "chat-2", Ids(12, 1), []);
        Assert.True(store.Delete("chat-1"));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "chat-1" + ResidualStreamStore.FileExtension)));
        Assert.Equal(0, store.Positions("chat-1"));
        Assert.Equal("conversation 'chat-1' has no cached activations", Assert.Throws<KeyNotFoundException>(() => store.Read("chat-1", 0, 0, 1)).Message);
        Assert.False(store.Delete("chat-1"));
        AssertLayers(store, "chat-2", Expected(Ids(12, 1)), Shape.Hidden);
        Assert.Equal(1, store.Status().DiskConversations);
    }

    [Fact]
    public void ATruncatedConversationContinuesWithNewPositions()
    {
        var ids = Ids(20);
        using (var store = Store())
        {
            Converse(store, "chat-1", ids, []);
            store.Truncate("chat-1", 11);
            Assert.Equal(11, store.Positions("chat-1"));
            var session = _model.StartSession();
            session.Append(ids[..11]);
            var recorder = new ResidualStreamRecorder(Shape);
            session.Append([9, 8, 7], recorder);
            store.Append("chat-1", recorder);
            AssertLayers(store, "chat-1", Expected([.. ids[..11], 9, 8, 7]), Shape.Hidden);
        }
        using var reopened = Store();
        AssertLayers(reopened, "chat-1", Expected([.. ids[..11], 9, 8, 7]), Shape.Hidden);
    }

    [Fact]
    public void OneStreamOfABatchedStepIsRecordedAlone()
    {
        using var store = Store();
        var watched = _model.StartSession();
        var other = _model.StartSession();
        var recorder = new ResidualStreamRecorder(Shape);
        var ids = Ids(10);
        _model.Step([new DecodeRequest(other, [3, 4, 5]), new DecodeRequest(watched, ids[..6], recorder)]);
        foreach (var id in ids[6..]) _model.Step([new DecodeRequest(other, [id]), new DecodeRequest(watched, [id], recorder)]);
        store.Append("chat-1", recorder);
        AssertLayers(store, "chat-1", Expected(ids), Shape.Hidden);
    }

    [Fact]
    public void ConversationsAppendAndReadConcurrently()
    {
        using var store = Store(budget: 40_000);
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 3 }, c =>
        {
            var ids = Ids(2 * Chunk + c, c);
            Converse(store, $"chat-{c}", ids[..5], ids[5..]);
            for (var l = -1; l < Shape.Layers; l++) store.Read($"chat-{c}", l, 0, ids.Length);
        });
        for (var c = 0; c < 6; c++) AssertLayers(store, $"chat-{c}", Expected(Ids(2 * Chunk + c, c)), Shape.Hidden);
    }

    [Fact]
    public void BadRequestsNameWhatWasWrong()
    {
        using var store = Store();
        Converse(store, "chat-1", Ids(10), []);
        var layers = Shape.Layers;

        Assert.Equal("conversation 'nobody' has no cached activations", Assert.Throws<KeyNotFoundException>(() => store.Read("nobody", 0, 0, 1)).Message);
        Assert.StartsWith("positions 8..11 are outside conversation 'chat-1', which has 10 cached positions",
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Read("chat-1", 0, 8, 4)).Message);
        Assert.StartsWith("positions -1..0 are outside", Assert.Throws<ArgumentOutOfRangeException>(() => store.Read("chat-1", 0, -1, 2)).Message);
        foreach (var layer in new[] { layers, -2 })
            Assert.StartsWith($"layer {layer} is out of range: the model has layers 0..{layers - 1}, and -1 for the embedding output",
                Assert.Throws<ArgumentOutOfRangeException>(() => store.Read("chat-1", layer, 0, 1)).Message);
        Assert.StartsWith("conversation id '../etc' cannot name a cache file", Assert.Throws<ArgumentException>(() => store.Read("../etc", 0, 0, 1)).Message);
        Assert.StartsWith("conversation 'chat-1' has 10 cached positions: it can be truncated to 0..10",
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Truncate("chat-1", 11)).Message);

        var session = _model.StartSession();
        session.Append(Ids(4));
        var late = new ResidualStreamRecorder(Shape);
        session.Append([1], late);
        Assert.StartsWith("conversation 'chat-1' has 10 cached positions: an append must start at 10, not 4",
            Assert.Throws<ArgumentException>(() => store.Append("chat-1", late)).Message);
        Assert.StartsWith("the recorder holds 3 layers × hidden 64, this cache 5 × 64",
            Assert.Throws<ArgumentException>(() => store.Append("chat-1", new ResidualStreamRecorder(new ResidualStreamShape(3, 64)))).Message);
        var gap = new ResidualStreamRecorder(Shape);
        var s2 = _model.StartSession();
        s2.Append([1, 2], gap);
        s2.Append([3]);
        Assert.StartsWith("the recorder holds positions 0..1 and was given 3..", Assert.Throws<InvalidOperationException>(() => s2.Append([4], gap)).Message);
        Assert.Equal(10, store.Positions("chat-1"));
    }
}
