using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// The arrays of a research-capture store. Per-(step, layer) arrays have S steps first, layers second, and one chunk
/// per (step, layer), so a viewer decompresses exactly what it shows. Q = prompt length (queries of step 0; later
/// steps use row 0), K = prompt length + steps − 1 (keys of the last step); unused cells hold the fill value 0.
/// </summary>
public sealed class ResearchStoreLayout
{
    public const string Attention = "attention", TopHeadIndex = "top_heads", Qkv = "qkv", Metrics = "metrics", KEff = "k_eff", Label = "head_label";

    /// <summary>Channels of <see cref="Metrics"/> (its fourth axis), in order; k_eff is its own integer array.</summary>
    public static readonly string[] MetricChannels = ["q_norm", "attn_entropy", "attn_max"];
    public const string Tokens = "tokens", QueryCounts = "query_counts", Positions = "positions", AlternativeIds = "alt_ids", AlternativeProbs = "alt_probs";

    public int Steps { get; }
    public int Layers { get; }
    public int Heads { get; }
    public int Queries { get; }
    public int Keys { get; }
    public int StoredHeads { get; }
    public Dictionary<string, ZarrArray> Arrays { get; } = new(StringComparer.Ordinal);

    public ResearchStoreLayout(string store, ModelConfig c, int promptLength, ResearchCaptureOptions o)
    {
        Steps = o.MaxNewTokens; Layers = c.Layers; Heads = c.Heads; Queries = promptLength; Keys = promptLength + o.MaxNewTokens - 1;
        StoredHeads = o.Detail == CaptureDetail.TopHeads ? Math.Min(o.TopHeads, c.Heads) : c.Heads;
        int level = o.CompressionLevel;
        void Add(string name, string dtype, params int[] inner) =>
            Arrays[name] = ZarrArray.Create(System.IO.Path.Combine(store, name),
                new ZarrMetadata([Steps, Layers, .. inner.Select(x => (long)x)], [1, 1, .. inner], dtype, level));

        // Queries first, so a decoding step's single row is contiguous and its padding one zero run.
        Add(Metrics, "<f2", Queries, MetricChannels.Length, Heads);
        Add(KEff, "<i4", Queries, Heads); // integers: float16 would round counts above 2048

        Add(Label, "|u1", Heads);
        if (o.Detail != CaptureDetail.Summary) Add(Attention, "<f2", StoredHeads, Queries, Keys);
        if (o.Detail == CaptureDetail.TopHeads) Add(TopHeadIndex, "<i4", StoredHeads);
        if (o.Detail == CaptureDetail.Full)
        {
            // Fused like a qkv projection: per query position, H query heads, then KVH key heads, then KVH value heads.
            Add(Qkv, "<f2", Queries, Heads + 2 * c.KvHeads, c.HeadDim);
        }
    }

    public bool Has(string name) => Arrays.ContainsKey(name);
}
