using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Lens.Analyses;

/// <summary>
/// fp16 rows ↔ compressed bytes: byte-shuffled (all high bytes, then all low bytes) and zlib-compressed with a sync flush
/// between the two planes, so sign/exponent bytes (which compress) and mantissa bytes (near random) get codes of their own.
/// </summary>
public static class Fp16Codec
{
    public static byte[] Compress(ReadOnlySpan<Half> values)
    {
        var shuffled = ByteShuffle.Shuffle(MemoryMarshal.AsBytes(values), sizeof(ushort));
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var half = shuffled.Length / 2;
            z.Write(shuffled, 0, half);
            z.Flush();
            z.Write(shuffled, half, shuffled.Length - half);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes exactly <paramref name="count"/> values, or fails naming <paramref name="what"/>.</summary>
    public static Half[] Decompress(byte[] compressed, int count, string what)
    {
        var shuffled = new byte[count * sizeof(ushort)];
        using (var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            var read = 0;
            int n;
            while (read < shuffled.Length && (n = z.Read(shuffled, read, shuffled.Length - read)) > 0) read += n;
            if (read != shuffled.Length) throw new InvalidDataException($"{what}: holds {read / 2} values, expected {count}");
        }
        return MemoryMarshal.Cast<byte, Half>(ByteShuffle.Unshuffle(shuffled, sizeof(ushort))).ToArray();
    }
}
