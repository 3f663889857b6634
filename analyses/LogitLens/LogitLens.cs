using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// The logit lens: final norm + unembedding + softmax applied to the residual stream after chosen layers, reduced to
/// top-k per (layer, position) where it is computed. At most one block of positions × full vocabulary exists at a
/// time; tracked trajectories come from a second pass that recomputes the logits from the kept residuals.
/// </summary>
public static class LogitLens
{
    // Bounds the full-vocabulary scratch to this many rows regardless of prompt length.
    private const int RowsPerBlock = 64;

    public static LogitLensResult Run(Transformer model, ReadOnlySpan<int> ids, LogitLensOptions options)
    {
        var layers = ResolveLayers(options.Layers, model.Config.Layers);
        var capture = new ResidualCapture(layers);
        model.Forward(ids, capture, LogitsScope.None);
        return Analyse(capture.Residuals(), ids.ToArray(), layers, model.Unembed, model.Config.Hidden, model.Config.Vocab, options);
    }

    public static int[] ResolveLayers(IReadOnlyList<int>? layers, int layerCount)
    {
        if (layers is null) return Enumerable.Range(0, layerCount).ToArray();
        if (layers.Count == 0) throw new ArgumentException("the logit lens needs at least one layer");
        foreach (var l in layers)
            if (l < 0 || l >= layerCount) throw new ArgumentException($"layer {l} is out of range: the model has layers 0..{layerCount - 1}");
        if (layers.Distinct().Count() != layers.Count) throw new ArgumentException("a layer is listed twice");
        return layers.ToArray();
    }

    /// <param name="residuals">Per analysed layer, the residual stream [T·D].</param>
    public static LogitLensResult Analyse(IReadOnlyList<float[]> residuals, int[] ids, int[] layers, Unembedding unembed, int hidden, int vocab, LogitLensOptions options)
    {
        if (options.TopK < 1 || options.TopK > vocab) throw new ArgumentException($"top-k must be in 1..{vocab}, got {options.TopK}");
        int t = ids.Length, k = options.TopK, n = layers.Length;
        var topIds = new int[n * t * k];
        var topProbs = new float[n * t * k];
        var entropy = new float[n * t];
        var nextRank = new int[n * t];
        var nextProb = new float[n * t];
        var tracked = options.Track ? Enumerable.Range(0, t).Select(_ => new SortedSet<int>()).ToArray() : null;

        ForEachRow(residuals, t, hidden, vocab, unembed, (a, pos, probs) =>
        {
            var cell = a * t + pos;
            VocabularyDistribution.TopK(probs, topIds.AsSpan(cell * k, k), topProbs.AsSpan(cell * k, k));
            entropy[cell] = (float)VocabularyDistribution.Entropy(probs);
            if (pos + 1 < t) { nextRank[cell] = VocabularyDistribution.Rank(probs, ids[pos + 1]); nextProb[cell] = probs[ids[pos + 1]]; }
            else { nextRank[cell] = -1; nextProb[cell] = float.NaN; }
            tracked?[pos].UnionWith(topIds.AsSpan(cell * k, k).ToArray());
        });

        int[][]? trackedIds = null;
        float[][]? trackedProbs = null;
        if (tracked is not null)
        {
            trackedIds = tracked.Select(s => s.ToArray()).ToArray();
            trackedProbs = trackedIds.Select(x => new float[n * x.Length]).ToArray();
            ForEachRow(residuals, t, hidden, vocab, unembed, (a, pos, probs) =>
            {
                var row = trackedIds[pos];
                for (var j = 0; j < row.Length; j++) trackedProbs[pos][a * row.Length + j] = probs[row[j]];
            });
        }
        return new LogitLensResult
        {
            InputIds = ids, Layers = layers, TopK = k, TopIds = topIds, TopProbs = topProbs, Entropy = entropy,
            NextRank = nextRank, NextProb = nextProb, TrackedIds = trackedIds, TrackedProbs = trackedProbs,
        };
    }

    private delegate void RowVisitor(int layerIndex, int position, ReadOnlySpan<float> probs);

    private static void ForEachRow(IReadOnlyList<float[]> residuals, int t, int hidden, int vocab, Unembedding unembed, RowVisitor visit)
    {
        var block = Math.Min(RowsPerBlock, Math.Max(1, t));
        var logits = new float[block * vocab];
        for (var a = 0; a < residuals.Count; a++)
        {
            if (residuals[a].Length != t * hidden) throw new ArgumentException($"residual {a} has {residuals[a].Length} values, expected {t}×{hidden}");
            for (var start = 0; start < t; start += block)
            {
                var rows = Math.Min(block, t - start);
                unembed(residuals[a].AsSpan(start * hidden, rows * hidden), logits.AsSpan(0, rows * vocab));
                for (var r = 0; r < rows; r++)
                {
                    var probs = logits.AsSpan(r * vocab, vocab);
                    VocabularyDistribution.SoftmaxInPlace(probs);
                    visit(a, start + r, probs);
                }
            }
        }
    }
}
