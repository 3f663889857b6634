using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>Reads a research-capture store one (step, layer) at a time, the way a viewer pages through it.</summary>
public sealed class ResearchStore
{
    private readonly string _path;
    private readonly int[] _queryCounts;
    private readonly int[] _positions;

    private ResearchStore(string path)
    {
        _path = path;
        Attributes = JsonNode.Parse(File.ReadAllText(Path.Combine(path, ".zattrs")))!.AsObject();
        Tokens = ReadInts(ResearchStoreLayout.Tokens);
        _queryCounts = ReadInts(ResearchStoreLayout.QueryCounts);
        _positions = ReadInts(ResearchStoreLayout.Positions);
    }

    public static ResearchStore Open(string path) =>
        File.Exists(Path.Combine(path, ".zgroup")) ? new ResearchStore(path) : throw new DirectoryNotFoundException($"{path} is not a zarr group");

    public JsonObject Attributes { get; }
    public int[] Tokens { get; }
    public int Steps => Tokens.Length;

    public ZarrArray Array(string name) => ZarrArray.Open(Path.Combine(_path, name));

    /// <summary>An array of the prompt's step (step 0), by name inside the <see cref="ResearchStoreLayout.Prompt"/> group.</summary>
    public ZarrArray PromptArray(string name) => ZarrArray.Open(Path.Combine(_path, ResearchStoreLayout.Prompt, name));

    public AttentionSlice Attention(int step, int layer)
    {
        Check(step);
        int queries = _queryCounts[step], keys = _positions[step] + queries;
        float[] weights;
        int stored;
        if (step == 0)
        {
            var array = PromptArray(ResearchStoreLayout.Attention); // [L, Hs, P, P], chunk per layer: exactly the slice
            stored = (int)array.Metadata.Shape[1];
            weights = array.ReadChunk([layer, 0, 0, 0]);
        }
        else
        {
            var array = Array(ResearchStoreLayout.Attention); // [S, L, Hs, K], chunk per (step, layer): one row per head
            stored = (int)array.Metadata.Shape[2];
            var kmax = (int)array.Metadata.Shape[3];
            var chunk = array.ReadChunk([step, layer, 0, 0]);
            weights = new float[stored * keys];
            for (var h = 0; h < stored; h++) chunk.AsSpan(h * kmax, keys).CopyTo(weights.AsSpan(h * keys));
        }
        var heads = Directory.Exists(Path.Combine(_path, ResearchStoreLayout.TopHeadIndex))
            ? Array(ResearchStoreLayout.TopHeadIndex).ReadChunk([step, 0, 0]).AsSpan(layer * stored, stored).ToArray().Select(x => (int)x).ToArray()
            : Enumerable.Range(0, stored).ToArray();
        return new AttentionSlice(step, layer, heads, queries, keys, weights);
    }

    /// <summary>Queries, keys and values of one (step, layer) as [queries][H + 2·KVH][head dim] (see <see cref="ResearchStoreLayout"/>).</summary>
    public float[] Qkv(int step, int layer)
    {
        Check(step);
        return step == 0 ? PromptArray(ResearchStoreLayout.Qkv).ReadChunk([layer, 0, 0, 0]) : Array(ResearchStoreLayout.Qkv).ReadChunk([step, layer, 0, 0]);
    }

    /// <summary>One metric (a channel of <see cref="ResearchStoreLayout.MetricChannels"/>, or k_eff) of one (step, layer) as [heads][queries].</summary>
    public float[] Metric(string channel, int step, int layer)
    {
        Check(step);
        var queries = _queryCounts[step];
        // Both arrays hold a step as [L][queries][channels][H] in one chunk (channels = 1 for k_eff).
        int c, channels;
        float[] chunk;
        if (channel == ResearchStoreLayout.KEff)
        {
            (c, channels) = (0, 1);
            chunk = step == 0 ? PromptArray(ResearchStoreLayout.KEff).ReadChunk([0, 0, 0]) : Array(ResearchStoreLayout.KEff).ReadChunk([step, 0, 0]);
        }
        else
        {
            c = System.Array.IndexOf(ResearchStoreLayout.MetricChannels, channel);
            if (c < 0) throw new ArgumentException($"unknown metric '{channel}'; metrics: {string.Join(", ", ResearchStoreLayout.MetricChannels)}, {ResearchStoreLayout.KEff}");
            channels = ResearchStoreLayout.MetricChannels.Length;
            chunk = step == 0 ? PromptArray(ResearchStoreLayout.Metrics).ReadChunk([0, 0, 0, 0]) : Array(ResearchStoreLayout.Metrics).ReadChunk([step, 0, 0, 0]);
        }
        var heads = chunk.Length / (LayerCount * queries * channels);
        var result = new float[heads * queries];
        for (var h = 0; h < heads; h++)
            for (var i = 0; i < queries; i++) result[h * queries + i] = chunk[((layer * queries + i) * channels + c) * heads + h];
        return result;
    }

    public HeadPattern[] Labels(int step, int layer)
    {
        Check(step);
        var chunk = Array(ResearchStoreLayout.Label).ReadChunk([step, 0, 0]); // [L][H]
        var heads = chunk.Length / LayerCount;
        return chunk.AsSpan(layer * heads, heads).ToArray().Select(x => (HeadPattern)(byte)x).ToArray();
    }

    private int LayerCount => (int)Attributes["layers"]!;

    private int[] ReadInts(string name)
    {
        var array = Array(name);
        return array.ReadChunk(new int[array.Metadata.Shape.Length]).Take((int)array.Metadata.Shape.Aggregate(1L, (a, b) => a * b)).Select(x => (int)x).ToArray();
    }

    private void Check(int step)
    {
        if (step < 0 || step >= Steps) throw new ArgumentOutOfRangeException(nameof(step), $"step {step} is outside 0..{Steps - 1}");
    }
}
