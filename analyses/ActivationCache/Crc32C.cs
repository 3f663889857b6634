using System.Buffers.Binary;
using System.Numerics;

namespace Lens.Analyses;

/// <summary>CRC-32C (Castagnoli) with the processor's CRC instruction, to detect torn or damaged cache records.</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = ~0u;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        return ~crc;
    }
}
