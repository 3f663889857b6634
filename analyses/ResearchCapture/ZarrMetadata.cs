using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>
/// The .zarray document of a Zarr v2 array: C order, zlib compressor, fill value 0, and for items wider than a byte
/// (when <paramref name="Shuffle"/>) the numcodecs byte-shuffle filter {"id": "shuffle", "elementsize": item size},
/// which stores each chunk as its items' first bytes, then their second bytes, … before zlib.
/// </summary>
public sealed record ZarrMetadata(long[] Shape, int[] Chunks, string DType, int CompressionLevel, bool Shuffle = true)
{
    public int ItemSize => DType switch { "<f2" => 2, "<i4" => 4, "<f4" => 4, "|u1" => 1, _ => throw new NotSupportedException($"zarr dtype '{DType}'") };
    public long ChunkElements => Chunks.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes per item the shuffle filter splits by; 1 (no filter) when the array is not shuffled.</summary>
    public int ShuffleSize => Shuffle && ItemSize > 1 ? ItemSize : 1;

    public JsonObject ToJson() => new()
    {
        ["zarr_format"] = 2,
        ["shape"] = new JsonArray(Shape.Select(s => (JsonNode)s).ToArray()),
        ["chunks"] = new JsonArray(Chunks.Select(c => (JsonNode)c).ToArray()),
        ["dtype"] = DType,
        ["compressor"] = new JsonObject { ["id"] = "zlib", ["level"] = CompressionLevel },
        ["fill_value"] = 0,
        ["order"] = "C",
        ["filters"] = ShuffleSize > 1 ? new JsonArray(new JsonObject { ["id"] = "shuffle", ["elementsize"] = ShuffleSize }) : null,
    };

    public static ZarrMetadata Parse(string json)
    {
        var o = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("empty .zarray");
        if ((int?)o["zarr_format"] != 2) throw new InvalidDataException(".zarray is not zarr_format 2");
        if ((string?)o["order"] != "C") throw new InvalidDataException("only C-ordered zarr arrays are supported");
        var compressor = o["compressor"]?.AsObject() ?? throw new InvalidDataException("uncompressed zarr arrays are not supported");
        if ((string?)compressor["id"] != "zlib") throw new InvalidDataException($"zarr compressor '{compressor["id"]}' is not supported (zlib only)");
        var meta = new ZarrMetadata(
            o["shape"]!.AsArray().Select(x => (long)x!).ToArray(),
            o["chunks"]!.AsArray().Select(x => (int)x!).ToArray(),
            (string?)o["dtype"] ?? throw new InvalidDataException(".zarray has no dtype"),
            (int?)compressor["level"] ?? 1,
            Shuffle: false);
        if (o["filters"] is JsonArray filters && filters.Count > 0)
        {
            if (filters.Count != 1 || (string?)filters[0]?["id"] != "shuffle")
                throw new InvalidDataException("zarr filters other than one 'shuffle' are not supported");
            var size = (int?)filters[0]?["elementsize"];
            if (size != meta.ItemSize) throw new InvalidDataException($"shuffle elementsize {size} differs from the item size {meta.ItemSize}");
            meta = meta with { Shuffle = true };
        }
        return meta;
    }
}
