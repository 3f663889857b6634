using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Lens.Analyses;

/// <summary>
/// One Zarr v2 array on disk: a folder with .zarray (and .zattrs) and one zlib-compressed file per chunk named by
/// its chunk index joined with dots ("3.1.0.0"). Chunks are written whole; a missing chunk reads as the fill value.
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
        if (attributes is not null) File.WriteAllText(System.IO.Path.Combine(path, ".zattrs"), attributes.ToJsonString(ZarrJson.Options));
        return array;
    }

    public static ZarrArray Open(string path) => new(path, ZarrMetadata.Parse(File.ReadAllText(System.IO.Path.Combine(path, ".zarray"))));

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

    /// <summary>Compresses and writes one chunk given as raw little-endian items (exactly prod(chunks) of them).</summary>
    public long WriteChunk(ReadOnlySpan<int> index, ReadOnlySpan<byte> raw)
    {
        if (raw.Length != Metadata.ChunkElements * Metadata.ItemSize) throw new ArgumentException($"chunk of {raw.Length} bytes, expected {Metadata.ChunkElements * Metadata.ItemSize}");
        var path = System.IO.Path.Combine(Path, ChunkKey(index));
        using var file = File.Create(path);
        using (var z = new ZLibStream(file, ToLevel(Metadata.CompressionLevel), leaveOpen: true))
            z.Write(raw);
        return file.Length;
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

    /// <summary>The decompressed bytes of one chunk; all zero (the fill value) when the chunk was never written.</summary>
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
        return buffer.ToArray();
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

    private void WriteMetadata() => File.WriteAllText(System.IO.Path.Combine(Path, ".zarray"), Metadata.ToJson().ToJsonString(ZarrJson.Options));

    private static CompressionLevel ToLevel(int level) => level switch
    {
        0 => CompressionLevel.NoCompression,
        <= 3 => CompressionLevel.Fastest,
        >= 9 => CompressionLevel.SmallestSize,
        _ => CompressionLevel.Optimal,
    };
}
