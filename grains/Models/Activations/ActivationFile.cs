using System.Runtime.InteropServices;

namespace Lens.Grains.Models.Activations;

/// <summary>
/// One conversation's residual rows on disk: a 16-byte header (magic "LRS1", layers, hidden, reserved) then fp16
/// rows [position][layer][hidden], so new positions append and a rewound conversation truncates.
/// </summary>
internal sealed class ActivationFile(string path, int layers, int hidden)
{
    private const int Magic = 0x3153_524C; // "LRS1"
    private const int HeaderBytes = 16;
    private readonly int _rowValues = layers * hidden;

    public string Path { get; } = path;

    /// <summary>Positions in the file; 0 when it does not exist.</summary>
    public int Length()
    {
        var info = new FileInfo(Path);
        return info.Exists && info.Length >= HeaderBytes ? (int)((info.Length - HeaderBytes) / (_rowValues * 2L)) : 0;
    }

    public long Bytes() => new FileInfo(Path) is { Exists: true } info ? info.Length : 0;

    /// <summary>Writes rows from position <paramref name="start"/> on and cuts the file after them.</summary>
    public void Write(int start, ReadOnlySpan<Half> rows)
    {
        using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (file.Length < HeaderBytes)
        {
            Span<int> header = [Magic, layers, hidden, 0];
            file.Write(MemoryMarshal.AsBytes(header));
        }
        var offset = HeaderBytes + (long)start * _rowValues * 2;
        file.SetLength(offset);
        file.Position = offset;
        file.Write(MemoryMarshal.AsBytes(rows));
    }

    /// <summary>All rows, [T][layer][hidden].</summary>
    public Half[] ReadAll()
    {
        var bytes = File.ReadAllBytes(Path);
        var header = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, HeaderBytes));
        if (header[0] != Magic || header[1] != layers || header[2] != hidden)
            throw new InvalidDataException($"{Path}: not an activation file of {layers} layers × {hidden} (header {header[0]:x8}, {header[1]}, {header[2]})");
        var rows = (bytes.Length - HeaderBytes) / (_rowValues * 2) * _rowValues;
        return MemoryMarshal.Cast<byte, Half>(bytes.AsSpan(HeaderBytes)).Slice(0, rows).ToArray();
    }

    public void Delete() => File.Delete(Path);
}
