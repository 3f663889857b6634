using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Lens.Analyses;

/// <summary>
/// fp16 rows ↔ compressed bytes. The values are split into two byte planes: high bytes (sign, exponent, two mantissa
/// bits) deflate well, low bytes (mantissa) are close to random. So the high plane is zlib-compressed and the low plane
/// stored as it is — measured on stories260K and stories110M residuals: ratio 1.16–1.18, the same as deflating both
/// planes, at a fraction of the time (deflate's fastest level expands these data). Layout: u32 length of the high
/// plane as stored (= count when stored raw because compression did not help), the high plane, the low plane.
/// </summary>
public static class Fp16Codec
{
    public static byte[] Compress(ReadOnlySpan<Half> values)
    {
        var count = values.Length;
        var planes = ByteShuffle.Shuffle(MemoryMarshal.AsBytes(values), sizeof(ushort)); // [low bytes | high bytes]
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) z.Write(planes, count, count);
        var high = buffer.Length < count ? buffer.ToArray() : planes[count..];
        var result = new byte[4 + high.Length + count];
        BinaryPrimitives.WriteInt32LittleEndian(result, high.Length);
        high.CopyTo(result, 4);
        planes.AsSpan(0, count).CopyTo(result.AsSpan(4 + high.Length));
        return result;
    }

    /// <summary>Decodes exactly <paramref name="count"/> values, or fails naming <paramref name="what"/>.</summary>
    public static Half[] Decompress(byte[] compressed, int count, string what)
    {
        var highLength = compressed.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(compressed) : -1;
        if (highLength < 0 || highLength > count || 4 + highLength + count != compressed.Length)
            throw new InvalidDataException($"{what}: {compressed.Length} bytes cannot hold {count} fp16 values");
        var planes = new byte[2 * count];
        compressed.AsSpan(4 + highLength, count).CopyTo(planes);
        if (highLength == count) compressed.AsSpan(4, count).CopyTo(planes.AsSpan(count));
        else
        {
            using var z = new ZLibStream(new MemoryStream(compressed, 4, highLength), CompressionMode.Decompress);
            var read = 0;
            int n;
            while (read < count && (n = z.Read(planes, count + read, count - read)) > 0) read += n;
            if (read != count) throw new InvalidDataException($"{what}: the exponent plane holds {read} values, expected {count}");
        }
        return MemoryMarshal.Cast<byte, Half>(ByteShuffle.Unshuffle(planes, sizeof(ushort))).ToArray();
    }
}
