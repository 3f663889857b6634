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

    public AttentionSlice Attention(int step, int layer)
    {
        Check(step);
        var array = Array(ResearchStoreLayout.Attention);
        var shape = array.Metadata.Shape;
        int stored = (int)shape[2], qmax = (int)shape[3], kmax = (int)shape[4];
        int queries = _queryCounts[step], keys = _positions[step] + queries;
        var chunk = array.ReadChunk([step, layer, 0, 0, 0]);
        var weights = new float[stored * queries * keys];
        for (var h = 0; h < stored; h++)
            for (var i = 0; i < queries; i++)
                chunk.AsSpan((h * qmax + i) * kmax, keys).CopyTo(weights.AsSpan((h * queries + i) * keys));
        var heads = Directory.Exists(Path.Combine(_path, ResearchStoreLayout.TopHeadIndex))
            ? Array(ResearchStoreLayout.TopHeadIndex).ReadChunk([step, layer, 0]).Select(x => (int)x).ToArray()
            : Enumerable.Range(0, stored).ToArray();
        return new AttentionSlice(step, layer, heads, queries, keys, weights);
    }

    /// <summary>One metric (a channel of <see cref="ResearchStoreLayout.MetricChannels"/>, or k_eff) of one (step, layer) as [heads][queries].</summary>
    public float[] Metric(string channel, int step, int layer)
    {
        Check(step);
        if (channel == ResearchStoreLayout.KEff)
        {
            var counts = Array(ResearchStoreLayout.KEff);
            int kh = (int)counts.Metadata.Shape[3], q = _queryCounts[step];
            var raw = counts.ReadChunk([step, layer, 0, 0]);
            var values = new float[kh * q];
            for (var h = 0; h < kh; h++)
                for (var i = 0; i < q; i++) values[h * q + i] = raw[i * kh + h];
            return values;
        }
        var c = System.Array.IndexOf(ResearchStoreLayout.MetricChannels, channel);
        if (c < 0) throw new ArgumentException($"unknown metric '{channel}'; metrics: {string.Join(", ", ResearchStoreLayout.MetricChannels)}, {ResearchStoreLayout.KEff}");
        var array = Array(ResearchStoreLayout.Metrics);
        int channels = (int)array.Metadata.Shape[3], heads = (int)array.Metadata.Shape[4], queries = _queryCounts[step];
        var chunk = array.ReadChunk([step, layer, 0, 0, 0]);
        var result = new float[heads * queries];
        for (var h = 0; h < heads; h++)
            for (var i = 0; i < queries; i++) result[h * queries + i] = chunk[(i * channels + c) * heads + h];
        return result;
    }

    public HeadPattern[] Labels(int step, int layer)
    {
        Check(step);
        return Array(ResearchStoreLayout.Label).ReadChunk([step, layer, 0]).Select(x => (HeadPattern)(byte)x).ToArray();
    }

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
