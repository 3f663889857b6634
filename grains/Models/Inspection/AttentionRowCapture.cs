using Lens.Analyses;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Inspection;

/// <summary>
/// Hooks that keep only the last query's attention (every layer, every head) of a pass over a conversation's prefix,
/// reduced to weights and <see cref="AttentionMetrics"/> while the layer's pattern exists.
/// </summary>
internal sealed class AttentionRowCapture(ModelConfig config) : IForwardHooks
{
    private readonly float[][] _queryNorms = new float[config.Layers][];
    private readonly AttentionHead[][] _heads = new AttentionHead[config.Layers][];

    public HookPoints Points => HookPoints.Query | HookPoints.Pattern;

    public void OnQuery(in HookContext c, int layer, ReadOnlySpan<float> query)
    {
        int h = config.Heads, hd = config.HeadDim, t = c.Tokens - 1;
        var norms = _queryNorms[layer] = new float[h];
        for (var head = 0; head < h; head++) norms[head] = (float)AttentionMetrics.Norm(query.Slice((t * h + head) * hd, hd));
    }

    public void OnPattern(in HookContext c, int layer, ReadOnlySpan<float> pattern)
    {
        int keys = c.KeyCount, t = c.Tokens - 1;
        var heads = _heads[layer] = new AttentionHead[config.Heads];
        for (var head = 0; head < config.Heads; head++)
        {
            var row = pattern.Slice((head * c.Tokens + t) * keys, keys);
            heads[head] = new AttentionHead(head, row.ToArray(), (float)AttentionMetrics.Entropy(row), AttentionMetrics.Max(row),
                AttentionMetrics.KEff(row), _queryNorms[layer]?[head] ?? float.NaN);
        }
    }

    /// <summary>The rows of <paramref name="layers"/>, in their order.</summary>
    public AttentionLayer[] Rows(IReadOnlyList<int> layers) =>
        layers.Select(l => new AttentionLayer(l, _heads[l] ?? throw new InvalidOperationException($"layer {l} produced no attention pattern"))).ToArray();

    /// <summary>One pass over <paramref name="prefix"/> (the clicked token last).</summary>
    public static AttentionLayer[] Measure(Transformer model, int[] prefix, IReadOnlyList<int> layers)
    {
        var capture = new AttentionRowCapture(model.Config);
        model.Forward(prefix, capture, LogitsScope.None);
        return capture.Rows(layers);
    }
}
