using System.Text.Json;
using Lens.Analyses;
using Lens.Cli.CommandLine;
using Lens.Engine.Hooks;

namespace Lens.Cli.Commands;

/// <summary>The golden-schema fields <c>lens forward</c> can write: the hook points each needs and how it is written.</summary>
public static class ForwardFields
{
    private sealed record Field(HookPoints Needs, Action<ForwardCapture, Utf8JsonWriter> Write);

    private static readonly Dictionary<string, Field> Table = new(StringComparer.Ordinal)
    {
        ["logits_final"] = new(HookPoints.None, (c, w) => JsonArrays.Write(w, c.Logits, c.T, c.Config.Vocab)),
        ["embed_out"] = new(HookPoints.ResidPre, (c, w) => JsonArrays.Write(w, c.Cache[HookNames.ResidPre0], c.T, c.Config.Hidden)),
        ["resid_post"] = new(HookPoints.ResidPost, (c, w) =>
        {
            var all = Enumerable.Range(0, c.Config.Layers).SelectMany(l => c.Cache[HookNames.ResidPost(l)]).ToArray();
            JsonArrays.Write(w, all, c.Config.Layers, c.T, c.Config.Hidden);
        }),
        ["attention_probs_layer0"] = new(HookPoints.Pattern, (c, w) => JsonArrays.Write(w, c.Cache[HookNames.Pattern(0)], c.Config.Heads, c.T, c.T)),
        ["q_norm_pre_rope"] = new(HookPoints.Query, (c, w) => JsonArrays.Write(w, c.QueryNorms(), c.Config.Layers, c.Config.Heads, c.T)),
        ["attn_entropy"] = new(HookPoints.Pattern, (c, w) =>
            JsonArrays.Write(w, c.AttentionRowMetric(row => (float)AttentionMetrics.Entropy(row)), c.Config.Layers, c.Config.Heads, c.T)),
        ["attn_max"] = new(HookPoints.Pattern, (c, w) =>
            JsonArrays.Write(w, c.AttentionRowMetric(AttentionMetrics.Max), c.Config.Layers, c.Config.Heads, c.T)),
        ["k_eff90"] = new(HookPoints.Pattern, (c, w) =>
            JsonArrays.Write(w, c.AttentionRowMetric(row => AttentionMetrics.KEff(row, 0.9)).Select(v => (int)v).ToArray(), c.Config.Layers, c.Config.Heads, c.T)),
        ["logit_lens"] = new(HookPoints.None, (c, w) =>
        {
            var lens = LogitLens.Run(c.Model, c.Ids, new LogitLensOptions(TopK: 5));
            w.WriteStartObject();
            w.WriteNumber("top_k", lens.TopK);
            w.WritePropertyName("top_indices");
            JsonArrays.Write(w, lens.TopIds, lens.Layers.Length, c.T, lens.TopK);
            w.WritePropertyName("top_probs");
            JsonArrays.Write(w, lens.TopProbs, lens.Layers.Length, c.T, lens.TopK);
            w.WriteEndObject();
        }),
    };

    public static IReadOnlyCollection<string> Names => Table.Keys;

    public static HookPoints HookPointsFor(IEnumerable<string> fields) =>
        fields.Aggregate(HookPoints.None, (p, f) => p | Table[f].Needs);

    public static void Write(string field, ForwardCapture capture, Utf8JsonWriter writer) => Table[field].Write(capture, writer);
}
