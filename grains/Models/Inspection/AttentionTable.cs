using Lens.Analyses;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Inspection;

/// <summary>
/// Every query's attention row of one conversation (each layer and head, fp16, causal: row p holds keys 0..p) and
/// every query norm, from one pass over the conversation. Built on the first click so later clicks need no forward
/// pass; valid for exactly the ids it was built from.
/// </summary>
internal sealed class AttentionTable : IForwardHooks
{
    private readonly ModelConfig _config;
    private readonly int[] _ids;
    private readonly Half[][] _rows;     // [layer·H + head] → Σ_p (p+1) weights
    private readonly float[] _queryNorms; // [layer][head][position]

    private AttentionTable(ModelConfig config, int[] ids)
    {
        _config = config;
        _ids = ids;
        var triangle = (long)ids.Length * (ids.Length + 1) / 2;
        _rows = Enumerable.Range(0, config.Layers * config.Heads).Select(_ => new Half[triangle]).ToArray();
        _queryNorms = new float[config.Layers * config.Heads * ids.Length];
    }

    public HookPoints Points => HookPoints.Query | HookPoints.Pattern;

    /// <summary>Bytes a table for <paramref name="positions"/> tokens takes.</summary>
    public static long Bytes(ModelConfig config, int positions) =>
        (long)config.Layers * config.Heads * ((long)positions * (positions + 1) + 4L * positions);

    public long Bytes() => Bytes(_config, _ids.Length);

    /// <summary>An empty table for <paramref name="ids"/>, filled as the hooks of a pass over them (alone or chained).</summary>
    public static AttentionTable For(ModelConfig config, int[] ids) => new(config, ids);

    public static AttentionTable Build(Transformer model, int[] ids)
    {
        var table = For(model.Config, ids);
        model.Forward(ids, table, LogitsScope.None);
        return table;
    }

    public bool Covers(int[] ids) => ids.AsSpan().SequenceEqual(_ids);

    public void OnQuery(in HookContext c, int layer, ReadOnlySpan<float> query)
    {
        int h = _config.Heads, hd = _config.HeadDim;
        for (var t = 0; t < c.Tokens; t++)
            for (var head = 0; head < h; head++)
                _queryNorms[(layer * h + head) * _ids.Length + c.StartPosition + t] = (float)AttentionMetrics.Norm(query.Slice((t * h + head) * hd, hd));
    }

    public void OnPattern(in HookContext c, int layer, ReadOnlySpan<float> pattern)
    {
        var keys = c.KeyCount;
        for (var head = 0; head < _config.Heads; head++)
        {
            var rows = _rows[layer * _config.Heads + head];
            for (var t = 0; t < c.Tokens; t++)
            {
                var p = c.StartPosition + t;
                var source = pattern.Slice((head * c.Tokens + t) * keys, p + 1);
                var target = rows.AsSpan((int)((long)p * (p + 1) / 2), p + 1);
                for (var k = 0; k <= p; k++) target[k] = (Half)source[k];
            }
        }
    }

    /// <summary>Query <paramref name="position"/>'s rows at <paramref name="layers"/>, with their metrics.</summary>
    public AttentionLayer[] Rows(int position, IReadOnlyList<int> layers)
    {
        return layers.Select(layer => new AttentionLayer(layer, Enumerable.Range(0, _config.Heads).Select(head =>
        {
            var row = _rows[layer * _config.Heads + head].AsSpan((int)((long)position * (position + 1) / 2), position + 1);
            var w = new float[position + 1];
            for (var k = 0; k <= position; k++) w[k] = (float)row[k];
            return new AttentionHead(head, w, (float)AttentionMetrics.Entropy(w), AttentionMetrics.Max(w), AttentionMetrics.KEff(w),
                _queryNorms[(layer * _config.Heads + head) * _ids.Length + position]);
        }).ToArray())).ToArray();
    }
}
