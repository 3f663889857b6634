using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>
/// One Zarr v2 array on disk: a folder with .zarray (and .zattrs) and one file per chunk named by its chunk index
/// joined with dots ("3.1.0.0"), byte-shuffled when the array has the shuffle filter, then zlib-compressed. Chunks
/// are written whole; a missing chunk reads as the fill value.
/// </summary>
public sealed class ZarrArray
{
    public string Path { get; }
    public ZarrMetadata Metadata { get; private set; }

    private ZarrArray(string path, ZarrMetadata metadata) { Path = path; Metadata = metadata; }

    public static ZarrArray Create(string path, ZarrMetadata metadata, JsonObject? attributes = null)
    {
        if (metadata.Shape.Length != metadata.Chunks.Length) throw new ArgumentException("shape and chunks differ in rank");
        Directory.CreateDirectory(path);
        var array = new ZarrArray(path, metadata);
        array.WriteMetadata();
        if (attributes is not null) File.WriteAllText(System.IO.Path.Combine(path, ".zattrs"), ZarrJson.Text(attributes));
        return array;
    }

    public static ZarrArray Open(string path)
    {
        var file = System.IO.Path.Combine(path, ".zarray");
        try { return new(path, ZarrMetadata.Parse(File.ReadAllText(file))); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{file}: {e.Message}", e); }
    }

    /// <summary>Changes the first dimension (e.g. steps actually taken); chunks beyond it are not written.</summary>
    public void Resize(long first)
    {
        var shape = Metadata.Shape.ToArray();
        shape[0] = first;
        Metadata = Metadata with { Shape = shape };
        WriteMetadata();
    }

    public static string ChunkKey(ReadOnlySpan<int> index)
    {
        var parts = new string[index.Length];
        for (var i = 0; i < index.Length; i++) parts[i] = index[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('.', parts);
    }

    /// <summary>
    /// Shuffles (when the array has the shuffle filter), compresses and writes one chunk given as raw little-endian
    /// items (exactly prod(chunks) of them). Returns the chunk file's bytes.
    /// </summary>
    public long WriteChunk(ReadOnlySpan<int> index, ReadOnlySpan<byte> raw)
    {
        if (raw.Length != Metadata.ChunkElements * Metadata.ItemSize) throw new ArgumentException($"chunk of {raw.Length} bytes, expected {Metadata.ChunkElements * Metadata.ItemSize}");
        var planes = Metadata.ShuffleSize;
        var data = planes > 1 ? ByteShuffle.Shuffle(raw, planes) : raw.ToArray();
        var compressed = Compress(data, 1, Metadata.CompressionLevel);
        if (planes > 1)
        {
            var split = Compress(data, planes, Metadata.CompressionLevel);
            if (split.Length < compressed.Length) compressed = split;
        }
        File.WriteAllBytes(System.IO.Path.Combine(Path, ChunkKey(index)), compressed);
        return compressed.Length;
    }

    /// <summary>
    /// One zlib stream of <paramref name="data"/>. With several parts, a sync flush ends the deflate block after each
    /// part, so each (a shuffled chunk's byte plane) gets Huffman codes of its own: fp16 high bytes (sign, exponent)
    /// compress, low bytes are near random, and one code for both costs more than two. Any zlib decoder reads it.
    /// </summary>
    private static byte[] Compress(ReadOnlySpan<byte> data, int parts, int level)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            var size = data.Length / parts;
            for (var p = 0; p < parts; p++)
            {
                z.Write(data.Slice(p * size, p == parts - 1 ? data.Length - p * size : size));
                if (p < parts - 1) z.Flush();
            }
        }
        return buffer.ToArray();
    }

    public long WriteChunk(ReadOnlySpan<int> index, ReadOnlySpan<float> values) => WriteChunk(index, Encode(values, Metadata.DType));

    public long WriteChunk(ReadOnlySpan<int> index, ReadOnlySpan<int> values)
    {
        var floats = new float[values.Length];
        if (Metadata.DType != "<i4") { for (var i = 0; i < values.Length; i++) floats[i] = values[i]; return WriteChunk(index, floats); }
        var raw = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * 4), values[i]);
        return WriteChunk(index, raw);
    }

    /// <summary>The decompressed (and unshuffled) bytes of one chunk; all zero (the fill value) when the chunk was never written.</summary>
    public byte[] ReadChunkBytes(ReadOnlySpan<int> index)
    {
        var path = System.IO.Path.Combine(Path, ChunkKey(index));
        var size = (int)(Metadata.ChunkElements * Metadata.ItemSize);
        if (!File.Exists(path)) return new byte[size];
        using var file = File.OpenRead(path);
        using var z = new ZLibStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream(size);
        z.CopyTo(buffer);
        if (buffer.Length != size) throw new InvalidDataException($"{path}: chunk holds {buffer.Length} bytes, expected {size}");
        var planes = Metadata.ShuffleSize;
        return planes > 1 ? ByteShuffle.Unshuffle(buffer.ToArray(), planes) : buffer.ToArray();
    }

    /// <summary>One chunk as floats, whatever the stored dtype.</summary>
    public float[] ReadChunk(ReadOnlySpan<int> index)
    {
        var raw = ReadChunkBytes(index);
        var n = (int)Metadata.ChunkElements;
        var result = new float[n];
        for (var i = 0; i < n; i++)
            result[i] = Metadata.DType switch
            {
                "<f2" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw.AsSpan(i * 2)),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4)),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(i * 4)),
                _ => raw[i],
            };
        return result;
    }

    private static byte[] Encode(ReadOnlySpan<float> values, string dtype)
    {
        var raw = new byte[values.Length * dtype switch { "<f2" => 2, "|u1" => 1, _ => 4 }];
        for (var i = 0; i < values.Length; i++)
            switch (dtype)
            {
                case "<f2": BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(i * 2), (Half)values[i]); break;
                case "<f4": BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]); break;
                case "<i4": BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * 4), (int)values[i]); break;
                case "|u1": raw[i] = (byte)values[i]; break;
                default: throw new NotSupportedException($"zarr dtype '{dtype}'");
            }
        return raw;
    }

    private void WriteMetadata() => File.WriteAllText(System.IO.Path.Combine(Path, ".zarray"), ZarrJson.Text(Metadata.ToJson()));
}
