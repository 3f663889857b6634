using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// The arrays of a research-capture store (a Zarr v2 group). S = steps, L = layers, H = heads, Hs = stored heads (H, or
/// the top-heads count), P = prompt length, K = P + S − 1 (keys of the last step), W = H + 2·KVH fused q/k/v heads,
/// D = head dim. Step 0 is the prompt's pass, with P query rows over P keys; a later step s has one query row over
/// P + s keys. Step 0 therefore lives in the <see cref="Prompt"/> sub-group, shaped for its P rows, and the top-level
/// per-step arrays hold steps 1..S−1 with one row each (their step-0 chunks are never written and read as 0):
/// <list type="bullet">
/// <item><c>attention</c> [S, L, Hs, K] f2, chunk [1, 1, Hs, K]: step s's row, keys beyond P + s are 0.
///   <c>prompt/attention</c> [L, Hs, P, P] f2, chunk [1, Hs, P, P] (causal: keys after the query are 0).</item>
/// <item><c>qkv</c> [S, L, W, D] f2, chunk [1, 1, W, D]; <c>prompt/qkv</c> [L, P, W, D] f2, chunk [1, P, W, D]. Per
///   query position: H query heads, then KVH key heads, then KVH value heads (before rotary), like a fused projection.</item>
/// <item><c>metrics</c> [S, L, C, H] f2 (C = <see cref="MetricChannels"/>), chunk [1, L, C, H];
///   <c>prompt/metrics</c> [L, P, C, H] f2, one chunk.</item>
/// <item><c>k_eff</c> [S, L, H] i4, chunk [1, L, H]; <c>prompt/k_eff</c> [L, P, H] i4, one chunk (integers: float16
///   would round counts above 2048).</item>
/// <item><c>head_label</c> [S, L, H] u1 and <c>top_heads</c> [S, L, Hs] i4 (top_heads detail), chunk [1, L, ·], all steps.</item>
/// <item><c>tokens</c>, <c>query_counts</c>, <c>positions</c> [S] i4 and <c>alt_ids</c> i4 / <c>alt_probs</c> f2 [S, A], one chunk each.</item>
/// </list>
/// So the large arrays (attention, qkv) have one chunk per (step, layer) holding only that step's real rows, and a
/// viewer decompresses exactly what it shows; the small per-head summaries have one chunk per step (all layers), since
/// a chunk per (step, layer) of a few dozen bytes costs more in zlib framing and Huffman tables than its data.
/// Arrays of items wider than a byte use the numcodecs byte-shuffle filter (see <see cref="ZarrMetadata"/>).
/// </summary>
public sealed class ResearchStoreLayout
{
    public const string Attention = "attention", TopHeadIndex = "top_heads", Qkv = "qkv", Metrics = "metrics", KEff = "k_eff", Label = "head_label";
    public const string Prompt = "prompt";

    /// <summary>Channels of <see cref="Metrics"/> (its third axis), in order; k_eff is its own integer array.</summary>
    public static readonly string[] MetricChannels = ["q_norm", "attn_entropy", "attn_max"];
    public const string Tokens = "tokens", QueryCounts = "query_counts", Positions = "positions", AlternativeIds = "alt_ids", AlternativeProbs = "alt_probs";

    public int Steps { get; }
    public int Layers { get; }
    public int Heads { get; }
    public int Queries { get; }
    public int Keys { get; }
    public int StoredHeads { get; }
    public int QkvHeads { get; }

    /// <summary>Arrays with steps as the first axis, by name.</summary>
    public Dictionary<string, ZarrArray> Arrays { get; } = new(StringComparer.Ordinal);

    /// <summary>Arrays of the prompt's step (layers first), by name inside <see cref="Prompt"/>.</summary>
    public Dictionary<string, ZarrArray> PromptArrays { get; } = new(StringComparer.Ordinal);

    public ResearchStoreLayout(string store, ModelConfig c, int promptLength, ResearchCaptureOptions o)
    {
        Steps = o.MaxNewTokens; Layers = c.Layers; Heads = c.Heads; Queries = promptLength; Keys = promptLength + o.MaxNewTokens - 1;
        StoredHeads = o.Detail == CaptureDetail.TopHeads ? Math.Min(o.TopHeads, c.Heads) : c.Heads;
        QkvHeads = c.Heads + 2 * c.KvHeads;
        int level = o.CompressionLevel, l = Layers, p = Queries, channels = MetricChannels.Length;
        var prompt = System.IO.Path.Combine(store, Prompt);
        ZarrGroup.Create(prompt);
        void PerStep(string name, string dtype, int[] chunk, params int[] inner) =>
            Arrays[name] = ZarrArray.Create(System.IO.Path.Combine(store, name),
                new ZarrMetadata([Steps, .. inner.Select(x => (long)x)], [1, .. chunk], dtype, level));
        void Once(string name, string dtype, int[] chunk, params int[] shape) =>
            PromptArrays[name] = ZarrArray.Create(System.IO.Path.Combine(prompt, name),
                new ZarrMetadata(shape.Select(x => (long)x).ToArray(), chunk, dtype, level));

        PerStep(Metrics, "<f2", [l, channels, Heads], l, channels, Heads);
        Once(Metrics, "<f2", [l, p, channels, Heads], l, p, channels, Heads);
        PerStep(KEff, "<i4", [l, Heads], l, Heads);
        Once(KEff, "<i4", [l, p, Heads], l, p, Heads);
        PerStep(Label, "|u1", [l, Heads], l, Heads);
        if (o.Detail != CaptureDetail.Summary)
        {
            PerStep(Attention, "<f2", [1, StoredHeads, Keys], l, StoredHeads, Keys);
            Once(Attention, "<f2", [1, StoredHeads, p, p], l, StoredHeads, p, p);
        }
        if (o.Detail == CaptureDetail.TopHeads) PerStep(TopHeadIndex, "<i4", [l, StoredHeads], l, StoredHeads);
        if (o.Detail == CaptureDetail.Full)
        {
            PerStep(Qkv, "<f2", [1, QkvHeads, c.HeadDim], l, QkvHeads, c.HeadDim);
            Once(Qkv, "<f2", [1, p, QkvHeads, c.HeadDim], l, p, QkvHeads, c.HeadDim);
        }
    }

    public bool Has(string name) => Arrays.ContainsKey(name);
}
