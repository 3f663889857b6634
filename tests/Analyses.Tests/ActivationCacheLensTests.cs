using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Tests;

namespace Lens.Analyses.Tests;

/// <summary>
/// Lenses recomputed from the cache equal lenses from a fresh forward pass on stories260K (up to fp16 rounding of the
/// residuals), and the attention panel's recomputed rows equal the full pattern.
/// </summary>
public sealed class ActivationCacheLensTests : IDisposable
{
    private static readonly int[] Prompt = [1, 403, 407, 261, 378, 429, 267, 297, 373, 404, 425, 271, 264, 374, 267, 395, 302, 290, 437, 260];
    private readonly Transformer _model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
    private readonly TempDirectory _dir = new();

    public void Dispose() { _model.Dispose(); _dir.Dispose(); }

    private ResidualStreamStore CachedConversation(string conversation)
    {
        var store = new ResidualStreamStore(_dir.Path, ResidualStreamShape.Of(_model.Config), 1_000_000, chunkPositions: 8);
        var session = _model.StartSession();
        var recorder = new ResidualStreamRecorder(store.Shape);
        session.Append(Prompt[..12], recorder);
        foreach (var id in Prompt[12..]) session.Append([id], recorder); // one recorder across a prefill and decode steps
        store.Append(conversation, recorder);
        return store;
    }

    [Fact]
    public void TheLogitLensFromCachedResidualsEqualsTheLensOfAFreshForwardPass()
    {
        using var store = CachedConversation("chat");
        var options = new LogitLensOptions(TopK: 5, Layers: [0, 2, 4], Track: true);
        var fresh = LogitLens.Run(_model, Prompt, options);
        store.Evict("chat"); // the lens reads from disk
        var cached = CachedLogitLens.Run(store, "chat", _model, Prompt, 0, options);

        Assert.Equal(fresh.Layers, cached.Layers);
        // fp16 residuals move probabilities by ~1e-3 at most; the top-1 token and the ranking of clearly separated ones hold.
        Compare.Close("top-k probabilities", fresh.TopProbs.Select(p => (double)p).ToArray(), cached.TopProbs, 2e-3);
        Compare.Close("entropy", fresh.Entropy.Select(p => (double)p).ToArray(), cached.Entropy, 5e-3);
        Compare.Close("next-token probability (NaN at the last position)", fresh.NextProb.Select(p => float.IsNaN(p) ? 0 : (double)p).ToArray(), cached.NextProb.Select(p => float.IsNaN(p) ? 0 : p).ToArray(), 2e-3);
        for (var cell = 0; cell < fresh.Entropy.Length; cell++)
        {
            Assert.Equal(fresh.TopIds[cell * 5], cached.TopIds[cell * 5]);
            for (var j = 1; j < 5; j++)
                if (fresh.TopProbs[cell * 5 + j - 1] - fresh.TopProbs[cell * 5 + j] > 4e-3)
                    Assert.Equal(fresh.TopIds[cell * 5 + j - 1], cached.TopIds[cell * 5 + j - 1]);
        }
    }

    [Fact]
    public void AWindowOfPositionsAndTheEmbeddingLayerComeFromTheCache()
    {
        using var store = CachedConversation("chat");
        var capture = new ActivationCache(HookPoints.ResidPre);
        _model.Forward(Prompt, capture, LogitsScope.None);
        var d = _model.Config.Hidden;

        var lens = CachedLogitLens.Run(store, "chat", _model, Prompt[5..9], 5, new LogitLensOptions(TopK: 3, Layers: [ResidualStreamShape.Embed]));

        var logits = new float[4 * _model.Config.Vocab];
        _model.Unembed(capture[HookNames.ResidPre0].AsSpan(5 * d, 4 * d), logits);
        for (var t = 0; t < 4; t++)
        {
            var row = logits.AsSpan(t * _model.Config.Vocab, _model.Config.Vocab).ToArray();
            VocabularyDistribution.SoftmaxInPlace(row);
            var top = row.Select((p, id) => (p, id)).OrderByDescending(x => x.p).First();
            Assert.Equal(top.id, lens.TopIds[lens.Cell(0, t) * 3]);
            Assert.True(Math.Abs(top.p - lens.TopProbs[lens.Cell(0, t) * 3]) <= 2e-3, $"position {5 + t}: {lens.TopProbs[lens.Cell(0, t) * 3]} vs {top.p}");
        }
        Assert.Equal(-1, lens.NextRank[lens.Cell(0, 3)]); // the window's last next token is not given
    }

    [Fact]
    public void TheCachedLensRefusesBadLayersAndAnotherModel()
    {
        using var store = CachedConversation("chat");
        Assert.StartsWith($"layer {_model.Config.Layers} is out of range",
            Assert.Throws<ArgumentOutOfRangeException>(() => CachedLogitLens.Run(store, "chat", _model, Prompt, 0, new LogitLensOptions(Layers: [_model.Config.Layers]))).Message);
        Assert.StartsWith("a layer is listed twice",
            Assert.Throws<ArgumentException>(() => CachedLogitLens.Run(store, "chat", _model, Prompt, 0, new LogitLensOptions(Layers: [1, 1]))).Message);
        Assert.StartsWith("positions 18..21 are outside conversation 'chat'",
            Assert.Throws<ArgumentOutOfRangeException>(() => CachedLogitLens.Run(store, "chat", _model, Prompt[..4], 18, new LogitLensOptions())).Message);
        using var gpt2 = Transformer.Load(Path.Combine(TestPaths.Fixtures, "gpt2"), threads: 1);
        Assert.StartsWith("the cache holds 5 layers × hidden 64, the model has",
            Assert.Throws<ArgumentException>(() => CachedLogitLens.Run(store, "chat", gpt2, Prompt, 0, new LogitLensOptions())).Message);
    }

    [Fact]
    public void TheAttentionRowOfAClickedPositionEqualsTheFullPattern()
    {
        var capture = new ActivationCache(HookPoints.Pattern);
        _model.Forward(Prompt, capture, LogitsScope.None);
        int t = Prompt.Length, heads = _model.Config.Heads;
        foreach (var position in new[] { 0, 7, t - 1 })
        {
            var rows = AttentionRows.Recompute(_model, Prompt, position);
            Assert.Equal(_model.Config.Layers, rows.Length);
            for (var layer = 0; layer < rows.Length; layer++)
            {
                var pattern = capture[HookNames.Pattern(layer)];
                var expected = Enumerable.Range(0, heads).SelectMany(h => pattern.AsSpan((h * t + position) * t, position + 1).ToArray()).Select(p => (double)p).ToArray();
                Compare.Close($"layer {layer} position {position}", expected, rows[layer], 1e-5);
            }
        }
        Assert.StartsWith("position 20 is outside the 20 token ids given",
            Assert.Throws<ArgumentOutOfRangeException>(() => AttentionRows.Recompute(_model, Prompt, t)).Message);
    }
}
