using System.Text.Json;
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
    };

    public static IReadOnlyCollection<string> Names => Table.Keys;

    public static HookPoints HookPointsFor(IEnumerable<string> fields) =>
        fields.Aggregate(HookPoints.None, (p, f) => p | Table[f].Needs);

    public static void Write(string field, ForwardCapture capture, Utf8JsonWriter writer) => Table[field].Write(capture, writer);
}
