using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Turns each layer of each generation step into its chunks as the forward pass reaches it: queries, keys and values
/// are copied when they appear, and the attention and q/k/v chunks of (step, layer) are written when the pattern
/// arrives; the small per-head arrays (metrics, k_eff, labels, top heads) collect all layers and are written at
/// <see cref="EndStep"/>, one chunk per step (see <see cref="ResearchStoreLayout"/>).
/// </summary>
internal sealed class ResearchCaptureHooks(ModelConfig c, ResearchStoreLayout layout, ResearchCaptureOptions o, ResearchJsonMirror? json) : IForwardHooks
{
    private int _step, _start, _queries;
    private float[] _q = [], _k = [], _v = [];

    public HookPoints Points => HookPoints.Query | HookPoints.Pattern | (o.Detail == CaptureDetail.Full ? HookPoints.Key | HookPoints.Value : HookPoints.None);

    // One step's small per-head arrays, filled layer by layer and written as one chunk per step at EndStep.
    private float[] _metrics = [], _labels = [];
    private int[] _keff = [], _top = [];

    public void BeginStep(int step, int start, int queries)
    {
        if (step > 0 && queries != 1) throw new ArgumentException($"step {step} has {queries} queries; steps after the prompt's have one");
        (_step, _start, _queries) = (step, start, queries);
        _metrics = new float[c.Layers * queries * ResearchStoreLayout.MetricChannels.Length * c.Heads];
        _keff = new int[c.Layers * queries * c.Heads];
        _labels = new float[c.Layers * c.Heads];
        _top = new int[c.Layers * layout.StoredHeads];
        json?.BeginStep(step, queries);
    }

    /// <summary>Writes the step's metrics, k_eff, labels (and top heads): step 0 to the prompt group, later steps to their row.</summary>
    public void EndStep()
    {
        if (_step == 0)
        {
            layout.PromptArrays[ResearchStoreLayout.Metrics].WriteChunk([0, 0, 0, 0], _metrics);
            layout.PromptArrays[ResearchStoreLayout.KEff].WriteChunk([0, 0, 0], _keff);
        }
        else
        {
            layout.Arrays[ResearchStoreLayout.Metrics].WriteChunk([_step, 0, 0, 0], _metrics);
            layout.Arrays[ResearchStoreLayout.KEff].WriteChunk([_step, 0, 0], _keff);
        }
        layout.Arrays[ResearchStoreLayout.Label].WriteChunk([_step, 0, 0], _labels);
        if (layout.Has(ResearchStoreLayout.TopHeadIndex)) layout.Arrays[ResearchStoreLayout.TopHeadIndex].WriteChunk([_step, 0, 0], _top);
    }

    public void OnQuery(in HookContext context, int layer, ReadOnlySpan<float> query) => _q = query.ToArray();
    public void OnKey(in HookContext context, int layer, ReadOnlySpan<float> key) => _k = key.ToArray();
    public void OnValue(in HookContext context, int layer, ReadOnlySpan<float> value) => _v = value.ToArray();

    public void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern)
    {
        int h = c.Heads, hd = c.HeadDim, tq = _queries, keys = context.KeyCount, kmax = layout.Keys;
        var prompt = _step == 0;
        var norm = new float[h * tq];
        var entropy = new float[h * tq];
        var max = new float[h * tq];
        var keff = new float[h * tq];
        var labels = new float[h];
        var focus = new double[h];
        for (var head = 0; head < h; head++)
        {
            var rows = pattern.Slice(head * tq * keys, tq * keys);
            for (var i = 0; i < tq; i++)
            {
                var row = rows.Slice(i * keys, _start + i + 1);
                norm[head * tq + i] = (float)AttentionMetrics.Norm(_q.AsSpan((i * h + head) * hd, hd));
                entropy[head * tq + i] = (float)AttentionMetrics.Entropy(row);
                max[head * tq + i] = AttentionMetrics.Max(row);
                keff[head * tq + i] = AttentionMetrics.KEff(row, o.Threshold);
            }
            labels[head] = (float)HeadPatterns.Classify(rows, tq, keys, _start);
            focus[head] = HeadPatterns.Focus(rows, tq, keys, _start);
        }
        // This layer's slice of the step's [L][queries][channels][H] metrics and [L][queries][H] k_eff.
        var channels = new[] { norm, entropy, max };
        for (var i = 0; i < tq; i++)
            for (var head = 0; head < h; head++)
            {
                for (var m = 0; m < channels.Length; m++) _metrics[((layer * tq + i) * channels.Length + m) * h + head] = channels[m][head * tq + i];
                _keff[(layer * tq + i) * h + head] = (int)keff[head * tq + i];
            }
        labels.CopyTo(_labels.AsSpan(layer * h));

        json?.Writer.WriteStartObject();
        json?.Writer.WriteNumber("layer", layer);
        json?.Array("q_norm", norm, h, tq);
        json?.Array("attn_entropy", entropy, h, tq);
        json?.Array("attn_max", max, h, tq);
        json?.Array("k_eff", keff, h, tq);
        json?.Array("head_label", labels, h);

        if (layout.Has(ResearchStoreLayout.Attention))
        {
            var heads = o.Detail == CaptureDetail.TopHeads
                ? Enumerable.Range(0, h).OrderByDescending(x => focus[x]).ThenBy(x => x).Take(layout.StoredHeads).ToArray()
                : Enumerable.Range(0, h).ToArray();
            // Prompt: [Hs][P][P] (keys == queries == P); a later step: [Hs][K], its one row then zeros.
            var width = prompt ? tq * keys : kmax;
            var weights = new float[heads.Length * width];
            var ragged = new float[heads.Length * tq * keys];
            for (var j = 0; j < heads.Length; j++)
                for (var i = 0; i < tq; i++)
                {
                    var row = pattern.Slice((heads[j] * tq + i) * keys, keys);
                    row.CopyTo(weights.AsSpan(j * width + i * keys, keys));
                    row.CopyTo(ragged.AsSpan((j * tq + i) * keys, keys));
                }
            if (prompt) layout.PromptArrays[ResearchStoreLayout.Attention].WriteChunk([layer, 0, 0, 0], weights);
            else layout.Arrays[ResearchStoreLayout.Attention].WriteChunk([_step, layer, 0, 0], weights);
            json?.Array("attention", ragged, heads.Length, tq, keys);
            if (layout.Has(ResearchStoreLayout.TopHeadIndex))
            {
                heads.CopyTo(_top.AsSpan(layer * heads.Length));
                json?.Array("top_heads", heads.Select(x => (float)x).ToArray(), heads.Length);
            }
        }
        if (layout.Has(ResearchStoreLayout.Qkv))
        {
            var width = c.QueryWidth + 2 * c.KvWidth;
            var qkv = new float[tq * width];
            for (var i = 0; i < tq; i++)
            {
                _q.AsSpan(i * c.QueryWidth, c.QueryWidth).CopyTo(qkv.AsSpan(i * width));
                _k.AsSpan(i * c.KvWidth, c.KvWidth).CopyTo(qkv.AsSpan(i * width + c.QueryWidth));
                _v.AsSpan(i * c.KvWidth, c.KvWidth).CopyTo(qkv.AsSpan(i * width + c.QueryWidth + c.KvWidth));
            }
            if (prompt) layout.PromptArrays[ResearchStoreLayout.Qkv].WriteChunk([layer, 0, 0, 0], qkv);
            else layout.Arrays[ResearchStoreLayout.Qkv].WriteChunk([_step, layer, 0, 0], qkv);
            json?.Array("q", _q, tq, h, hd);
            json?.Array("k", _k, tq, c.KvHeads, hd);
            json?.Array("v", _v, tq, c.KvHeads, hd);
        }
        json?.Writer.WriteEndObject();
    }
}
