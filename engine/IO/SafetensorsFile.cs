using System.Buffers.Binary;
using System.Text.Json;

namespace Lens.Engine.IO;

/// <summary>
/// Reads the header of a memory-mapped safetensors file and checks it against the file: header length, dtypes,
/// offsets in range, sizes matching shapes, no overlaps. Tensor bytes stay in the map.
/// </summary>
public static class SafetensorsFile
{
    public static IReadOnlyList<TensorEntry> ReadHeader(WeightFile file)
    {
        var path = file.Path;
        if (file.Length < 8) throw new ModelFormatException($"{path}: truncated: {file.Length} bytes, too short for the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file.Span(0, 8));
        if (headerLength > (ulong)(file.Length - 8))
            throw new ModelFormatException($"{path}: header length {headerLength} is beyond the file size {file.Length} (truncated or not a safetensors file)");
        if (headerLength > 100_000_000) throw new ModelFormatException($"{path}: header length {headerLength} is implausibly large");
        var dataStart = 8 + (long)headerLength;
        var dataLength = file.Length - dataStart;

        JsonDocument doc;
        try { doc = JsonDocument.Parse(file.Span(8, (int)headerLength).ToArray()); }
        catch (JsonException e) { throw new ModelFormatException($"{path}: malformed JSON header: {e.Message}", e); }

        var entries = new List<TensorEntry>();
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ModelFormatException($"{path}: header is not a JSON object");
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") continue;
                entries.Add(ReadEntry(path, property, dataStart, dataLength));
            }
        }
        CheckOverlaps(path, entries);
        return entries;
    }

    private static TensorEntry ReadEntry(string path, JsonProperty property, long dataStart, long dataLength)
    {
        var name = property.Name;
        var e = property.Value;
        if (e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2)
            throw new ModelFormatException($"{path}: tensor '{name}': header entry needs dtype, shape and data_offsets [begin, end]");
        var dtype = dtypeElement.GetString()!;
        if (!TensorDTypes.TryGetSize(dtype, out var elementSize))
            throw new ModelFormatException($"{path}: tensor '{name}': unknown dtype '{dtype}'");
        var shape = shapeElement.EnumerateArray().Select(s => s.TryGetInt64(out var v) && v >= 0 ? v
            : throw new ModelFormatException($"{path}: tensor '{name}': shape entries must be non-negative integers")).ToArray();
        if (!offsetsElement[0].TryGetInt64(out var begin) || !offsetsElement[1].TryGetInt64(out var end))
            throw new ModelFormatException($"{path}: tensor '{name}': data_offsets must be integers");
        if (begin < 0 || end < begin || end > dataLength)
            throw new ModelFormatException($"{path}: tensor '{name}': data_offsets [{begin}, {end}] out of range (data section has {dataLength} bytes)");
        var entry = new TensorEntry(name, dtype, shape, dataStart + begin, end - begin, path);
        if (entry.ElementCount * elementSize != entry.Length)
            throw new ModelFormatException($"{path}: tensor '{name}': {entry.Length} bytes do not match shape {entry.ShapeText} of {dtype}");
        return entry;
    }

    private static void CheckOverlaps(string path, List<TensorEntry> entries)
    {
        var sorted = entries.Where(e => e.Length > 0).OrderBy(e => e.Offset).ToList();
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].Offset < sorted[i - 1].Offset + sorted[i - 1].Length)
                throw new ModelFormatException($"{path}: tensors '{sorted[i - 1].Name}' and '{sorted[i].Name}' overlap in the data section");
    }
}
