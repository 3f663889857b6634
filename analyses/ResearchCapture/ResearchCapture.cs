using System.Text.Json.Nodes;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Greedy generation with attention captured at every step into a Zarr v2 store (see <see cref="ResearchStoreLayout"/>).
/// Step 0 is the prompt's pass (all prompt positions as queries); step s > 0 is the pass over the token chosen at s − 1.
/// Each step also stores its chosen token and the most probable alternatives.
/// </summary>
public static class ResearchCapture
{
    public static ResearchCaptureResult Run(Transformer model, int[] prompt, ResearchCaptureOptions o, string store, Func<int, string>? tokenText = null)
    {
        if (prompt.Length == 0) throw new ArgumentException("a research capture needs a prompt of at least one token");
        if (o.MaxNewTokens < 1) throw new ArgumentException("a research capture needs at least one new token");
        if (prompt.Length + o.MaxNewTokens - 1 > model.Config.ContextLength)
            throw new ArgumentException($"prompt of {prompt.Length} tokens plus {o.MaxNewTokens} new tokens exceeds the context length {model.Config.ContextLength}");
        if (Directory.Exists(store) && Directory.EnumerateFileSystemEntries(store).Any())
            throw new IOException($"{store} already exists and is not empty");

        var c = model.Config;
        ZarrGroup.Create(store);
        var layout = new ResearchStoreLayout(store, c, prompt.Length, o);
        using var json = o.MirrorJson ? new ResearchJsonMirror(prompt) : null;
        var hooks = new ResearchCaptureHooks(c, layout, o, json);
        var session = model.StartSession();
        var alternatives = Math.Min(o.Alternatives, c.Vocab);
        var tokens = new List<int>();
        var queryCounts = new List<int>();
        var positions = new List<int>();
        var altIds = new List<int>();
        var altProbs = new List<float>();
        var ids = new int[alternatives];
        var probs = new float[alternatives];

        var input = prompt;
        for (var step = 0; step < o.MaxNewTokens; step++)
        {
            hooks.BeginStep(step, session.Length, input.Length);
            positions.Add(session.Length);
            queryCounts.Add(input.Length);
            var logits = session.Append(input, hooks, LogitsScope.Last);
            hooks.EndStep();
            VocabularyDistribution.SoftmaxInPlace(logits);
            VocabularyDistribution.TopK(logits, ids, probs);
            json?.EndStep(ids[0], ids, probs);
            tokens.Add(ids[0]);
            altIds.AddRange(ids);
            altProbs.AddRange(probs);
            if (c.EosTokenIds.Contains(ids[0])) break;
            input = [ids[0]];
        }
        json?.End();

        var steps = tokens.Count;
        foreach (var array in layout.Arrays.Values) array.Resize(steps);
        var level = o.CompressionLevel;
        PerStep(store, ResearchStoreLayout.Tokens, level, tokens.ToArray(), steps);
        PerStep(store, ResearchStoreLayout.QueryCounts, level, queryCounts.ToArray(), steps);
        PerStep(store, ResearchStoreLayout.Positions, level, positions.ToArray(), steps);
        PerStep(store, ResearchStoreLayout.AlternativeIds, level, altIds.ToArray(), steps, alternatives);
        var probArray = ZarrArray.Create(Path.Combine(store, ResearchStoreLayout.AlternativeProbs), new ZarrMetadata([steps, alternatives], [steps, alternatives], "<f2", o.CompressionLevel));
        probArray.WriteChunk([0, 0], altProbs.ToArray());

        ZarrGroup.WriteAttributes(store, Attributes(model, prompt, tokens, o, layout, tokenText));
        return new ResearchCaptureResult(steps, tokens.ToArray(), ZarrGroup.Size(store), json?.Bytes ?? 0, o.Detail);
    }

    // Small per-step arrays are written once at the end, as one chunk each.
    private static void PerStep(string store, string name, int level, int[] values, params int[] shape)
    {
        var array = ZarrArray.Create(Path.Combine(store, name), new ZarrMetadata(shape.Select(x => (long)x).ToArray(), shape, "<i4", level));
        array.WriteChunk(new int[shape.Length], values);
    }

    private static JsonObject Attributes(Transformer model, int[] prompt, List<int> tokens, ResearchCaptureOptions o, ResearchStoreLayout layout, Func<int, string>? tokenText)
    {
        var attrs = new JsonObject
        {
            ["format"] = "lens research capture 2",
            ["model_type"] = model.Config.ModelType,
            ["detail"] = o.Detail.ToString(),
            ["prompt_ids"] = new JsonArray(prompt.Select(x => (JsonNode)x).ToArray()),
            ["generated_ids"] = new JsonArray(tokens.Select(x => (JsonNode)x).ToArray()),
            ["layers"] = layout.Layers, ["heads"] = layout.Heads, ["kv_heads"] = model.Config.KvHeads, ["head_dim"] = model.Config.HeadDim,
            ["max_queries"] = layout.Queries, ["max_keys"] = layout.Keys,
            ["k_eff_threshold"] = o.Threshold,
            ["metric_channels"] = new JsonArray(ResearchStoreLayout.MetricChannels.Select(n => (JsonNode)n).ToArray()),
            ["qkv_heads"] = "per query position: heads query heads, then kv_heads key heads, then kv_heads value heads (before rotary)",
            ["head_labels"] = new JsonArray(Enum.GetNames<HeadPattern>().Select(n => (JsonNode)n).ToArray()),
            ["head_label_rule"] = $"mean weight over the step's queries on the previous token, first token or itself ≥ {HeadPatterns.Dominance}; otherwise Broad",
            ["layout"] = "step 0 (the prompt's pass, max_queries rows) is in the group 'prompt' as [layer]...; top-level arrays are [step]... for steps ≥ 1 (one query row each; their step-0 chunks are absent and read as 0); attention and qkv have one chunk per (step, layer), the other per-step arrays one chunk per step; attention keys beyond the step's count are 0",
        };
        if (o.Detail == CaptureDetail.TopHeads) { attrs["top_heads"] = layout.StoredHeads; attrs["top_heads_criterion"] = HeadPatterns.FocusCriterion; }
        if (tokenText is not null)
        {
            attrs["prompt_tokens"] = new JsonArray(prompt.Select(x => (JsonNode)tokenText(x)).ToArray());
            attrs["generated_tokens"] = new JsonArray(tokens.Select(x => (JsonNode)tokenText(x)).ToArray());
        }
        return attrs;
    }
}
