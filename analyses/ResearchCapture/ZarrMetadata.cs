using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>The .zarray document of a Zarr v2 array: C order, zlib compressor, no filters, fill value 0.</summary>
public sealed record ZarrMetadata(long[] Shape, int[] Chunks, string DType, int CompressionLevel)
{
    public int ItemSize => DType switch { "<f2" => 2, "<i4" => 4, "<f4" => 4, "|u1" => 1, _ => throw new NotSupportedException($"zarr dtype '{DType}'") };
    public long ChunkElements => Chunks.Aggregate(1L, (a, b) => a * b);

    public JsonObject ToJson() => new()
    {
        ["zarr_format"] = 2,
        ["shape"] = new JsonArray(Shape.Select(s => (JsonNode)s).ToArray()),
        ["chunks"] = new JsonArray(Chunks.Select(c => (JsonNode)c).ToArray()),
        ["dtype"] = DType,
        ["compressor"] = new JsonObject { ["id"] = "zlib", ["level"] = CompressionLevel },
        ["fill_value"] = 0,
        ["order"] = "C",
        ["filters"] = null,
    };

    public static ZarrMetadata Parse(string json)
    {
        var o = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("empty .zarray");
        if ((int?)o["zarr_format"] != 2) throw new InvalidDataException(".zarray is not zarr_format 2");
        if ((string?)o["order"] != "C") throw new InvalidDataException("only C-ordered zarr arrays are supported");
        if (o["filters"] is not null) throw new InvalidDataException("zarr filters are not supported");
        var compressor = o["compressor"]?.AsObject() ?? throw new InvalidDataException("uncompressed zarr arrays are not supported");
        if ((string?)compressor["id"] != "zlib") throw new InvalidDataException($"zarr compressor '{compressor["id"]}' is not supported (zlib only)");
        return new ZarrMetadata(
            o["shape"]!.AsArray().Select(x => (long)x!).ToArray(),
            o["chunks"]!.AsArray().Select(x => (int)x!).ToArray(),
            (string?)o["dtype"] ?? throw new InvalidDataException(".zarray has no dtype"),
            (int?)compressor["level"] ?? 1);
    }
}
