using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Lens.Analyses;

/// <summary>
/// Reads NumPy .npy files of little-endian integers (int32, int64, and the uint16/uint32 token files GPT-2-era
/// datasets use; 1-D, or 2-D as rows, C order) and writes int32 ones.
/// </summary>
public static partial class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The rows of an integer array (a 1-D array is one row); values must fit int32, as token ids do.</summary>
    public static int[][] ReadIntRows(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic)) throw new InvalidDataException($"{path}: not a .npy file");
        var major = bytes[6];
        int headerLength, offset;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); offset = 10; }
        else { headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)); offset = 12; }
        var header = Encoding.Latin1.GetString(bytes, offset, headerLength);
        var descr = DescrPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !shape.Success) throw new InvalidDataException($"{path}: unreadable .npy header '{header.Trim()}'");
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal)) throw new InvalidDataException($"{path}: Fortran-ordered arrays are not supported");
        var (width, signed) = descr.Groups[1].Value switch
        {
            "<i4" => (4, true),
            "<i8" => (8, true),
            "<u2" => (2, false),
            "<u4" => (4, false),
            var d => throw new InvalidDataException($"{path}: token ids must be integers ('<i4', '<i8', '<u2' or '<u4'), got '{d}'"),
        };
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var (rows, cols) = dims.Length switch
        {
            1 => (1, dims[0]),
            2 => (dims[0], dims[1]),
            _ => throw new InvalidDataException($"{path}: expected a 1-D or 2-D array, got {dims.Length}-D"),
        };
        var data = bytes.AsSpan(offset + headerLength);
        if (data.Length < (long)rows * cols * width) throw new InvalidDataException($"{path}: array data is truncated");
        var result = new int[rows][];
        for (var r = 0; r < rows; r++)
        {
            result[r] = new int[cols];
            for (var c = 0; c < cols; c++)
            {
                var at = data[(((r * cols) + c) * width)..];
                long value = (width, signed) switch
                {
                    (2, _) => BinaryPrimitives.ReadUInt16LittleEndian(at),
                    (4, true) => BinaryPrimitives.ReadInt32LittleEndian(at),
                    (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(at),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(at),
                };
                result[r][c] = value is >= int.MinValue and <= int.MaxValue
                    ? (int)value
                    : throw new InvalidDataException($"{path}: token id {value} does not fit in int32 (row {r}, column {c})");
            }
        }
        return result;
    }

    /// <summary>Writes a 1-D int32 array (version 1.0 header padded to 64 bytes).</summary>
    public static void WriteInt32(string path, ReadOnlySpan<int> values)
    {
        var dict = $"{{'descr': '<i4', 'fortran_order': False, 'shape': ({values.Length},), }}";
        var total = (10 + dict.Length + 1 + 63) / 64 * 64;
        var header = dict.PadRight(total - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> u16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(u16, (ushort)header.Length);
        stream.Write(u16);
        stream.Write(Encoding.Latin1.GetBytes(header));
        Span<byte> i32 = stackalloc byte[4];
        foreach (var v in values) { BinaryPrimitives.WriteInt32LittleEndian(i32, v); stream.Write(i32); }
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
