using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Turns each layer of each generation step into its chunks as the forward pass reaches it: queries, keys and values
/// are copied when they appear, and everything for (step, layer) is reduced and written when the pattern arrives.
/// </summary>
internal sealed class ResearchCaptureHooks(ModelConfig c, ResearchStoreLayout layout, ResearchCaptureOptions o, ResearchJsonMirror? json) : IForwardHooks
{
    private int _step, _start, _queries;
    private float[] _q = [], _k = [], _v = [];

    public HookPoints Points => HookPoints.Query | HookPoints.Pattern | (o.Detail == CaptureDetail.Full ? HookPoints.Key | HookPoints.Value : HookPoints.None);

    public void BeginStep(int step, int start, int queries)
    {
        (_step, _start, _queries) = (step, start, queries);
        json?.BeginStep(step, queries);
    }

    public void OnQuery(in HookContext context, int layer, ReadOnlySpan<float> query) => _q = query.ToArray();
    public void OnKey(in HookContext context, int layer, ReadOnlySpan<float> key) => _k = key.ToArray();
    public void OnValue(in HookContext context, int layer, ReadOnlySpan<float> value) => _v = value.ToArray();

    public void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern)
    {
        int h = c.Heads, hd = c.HeadDim, tq = _queries, keys = context.KeyCount, qmax = layout.Queries, kmax = layout.Keys;
        int[] chunk = [_step, layer, 0, 0, 0];
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
        var channels = new[] { norm, entropy, max };
        var metrics = new float[qmax * channels.Length * h];
        var counts = new int[qmax * h];
        for (var i = 0; i < tq; i++)
            for (var head = 0; head < h; head++)
            {
                for (var m = 0; m < channels.Length; m++) metrics[(i * channels.Length + m) * h + head] = channels[m][head * tq + i];
                counts[i * h + head] = (int)keff[head * tq + i];
            }
        layout.Arrays[ResearchStoreLayout.Metrics].WriteChunk(chunk, metrics);
        layout.Arrays[ResearchStoreLayout.KEff].WriteChunk(chunk.AsSpan(0, 4), counts);
        layout.Arrays[ResearchStoreLayout.Label].WriteChunk(chunk.AsSpan(0, 3), labels);

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
            var weights = new float[heads.Length * qmax * kmax];
            var ragged = new float[heads.Length * tq * keys];
            for (var j = 0; j < heads.Length; j++)
                for (var i = 0; i < tq; i++)
                {
                    var row = pattern.Slice((heads[j] * tq + i) * keys, keys);
                    row.CopyTo(weights.AsSpan((j * qmax + i) * kmax, keys));
                    row.CopyTo(ragged.AsSpan((j * tq + i) * keys, keys));
                }
            layout.Arrays[ResearchStoreLayout.Attention].WriteChunk(chunk, weights);
            json?.Array("attention", ragged, heads.Length, tq, keys);
            if (layout.Has(ResearchStoreLayout.TopHeadIndex))
            {
                layout.Arrays[ResearchStoreLayout.TopHeadIndex].WriteChunk(chunk.AsSpan(0, 3), heads);
                json?.Array("top_heads", heads.Select(x => (float)x).ToArray(), heads.Length);
            }
        }
        if (layout.Has(ResearchStoreLayout.Qkv))
        {
            var width = c.QueryWidth + 2 * c.KvWidth;
            var qkv = new float[qmax * width];
            for (var i = 0; i < tq; i++)
            {
                _q.AsSpan(i * c.QueryWidth, c.QueryWidth).CopyTo(qkv.AsSpan(i * width));
                _k.AsSpan(i * c.KvWidth, c.KvWidth).CopyTo(qkv.AsSpan(i * width + c.QueryWidth));
                _v.AsSpan(i * c.KvWidth, c.KvWidth).CopyTo(qkv.AsSpan(i * width + c.QueryWidth + c.KvWidth));
            }
            layout.Arrays[ResearchStoreLayout.Qkv].WriteChunk(chunk, qkv);
            json?.Array("q", _q, tq, h, hd);
            json?.Array("k", _k, tq, c.KvHeads, hd);
            json?.Array("v", _v, tq, c.KvHeads, hd);
        }
        json?.Writer.WriteEndObject();
    }
}
