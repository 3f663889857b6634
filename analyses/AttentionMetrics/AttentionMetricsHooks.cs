using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Reduces queries and attention patterns to <see cref="SampleMetrics"/> while the forward pass runs, so no pattern
/// outlives its layer. Handles a batch (one result per <see cref="HookContext.Sequence"/>) of full passes from position 0.
/// </summary>
public sealed class AttentionMetricsHooks(ModelConfig config, IReadOnlyList<int> lengths, double threshold = AttentionMetrics.DefaultThreshold) : IForwardHooks
{
    private readonly SampleMetrics[] _samples = lengths.Select(t => new SampleMetrics(config.Layers, config.Heads, t)).ToArray();

    public HookPoints Points => HookPoints.Query | HookPoints.Pattern;
    public IReadOnlyList<SampleMetrics> Samples => _samples;

    public void OnQuery(in HookContext c, int layer, ReadOnlySpan<float> query)
    {
        var s = _samples[c.Sequence];
        int h = config.Heads, hd = config.HeadDim;
        for (var t = 0; t < c.Tokens; t++)
            for (var head = 0; head < h; head++)
                s.QueryNorm[s.Index(layer, head, c.StartPosition + t)] = (float)AttentionMetrics.Norm(query.Slice((t * h + head) * hd, hd));
    }

    public void OnPattern(in HookContext c, int layer, ReadOnlySpan<float> pattern)
    {
        var s = _samples[c.Sequence];
        var keys = c.KeyCount;
        for (var head = 0; head < config.Heads; head++)
            for (var t = 0; t < c.Tokens; t++)
            {
                // Causal row of query t: keys 0..StartPosition+t; later keys are masked zeros.
                var row = pattern.Slice((head * c.Tokens + t) * keys, c.StartPosition + t + 1);
                var i = s.Index(layer, head, c.StartPosition + t);
                s.Entropy[i] = (float)AttentionMetrics.Entropy(row);
                s.Max[i] = AttentionMetrics.Max(row);
                s.KEff[i] = AttentionMetrics.KEff(row, threshold);
            }
    }

    /// <summary>Metrics of one sequence in one pass.</summary>
    public static SampleMetrics Measure(Transformer model, int[] ids, double threshold = AttentionMetrics.DefaultThreshold)
    {
        var hooks = new AttentionMetricsHooks(model.Config, [ids.Length], threshold);
        model.Forward(ids, hooks, LogitsScope.None);
        return hooks.Samples[0];
    }
}
