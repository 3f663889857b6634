using System.Buffers.Binary;

namespace Lens.Analyses;

/// <summary>
/// The 32-byte header of one record of a <see cref="ResidualStreamFile"/>: either one slot's rows of one chunk of
/// positions (<see cref="IsTruncate"/> false), or a truncation of the conversation to <see cref="FirstPosition"/>
/// positions. Little-endian: magic, kind, 0, slot (u16), first position, positions, compressed length, payload CRC-32C,
/// 0, header CRC-32C of the 28 bytes before it.
/// </summary>
public readonly record struct ResidualRecordHeader(bool IsTruncate, int Slot, int FirstPosition, int Positions, int CompressedLength, uint PayloadCrc)
{
    public const int Size = 32;
    private const uint Magic = 0x5253524C; // "LRSR"

    public void Write(Span<byte> target)
    {
        target[..Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(target, Magic);
        target[4] = IsTruncate ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(target[6..], (ushort)Slot);
        BinaryPrimitives.WriteInt32LittleEndian(target[8..], FirstPosition);
        BinaryPrimitives.WriteInt32LittleEndian(target[12..], Positions);
        BinaryPrimitives.WriteInt32LittleEndian(target[16..], CompressedLength);
        BinaryPrimitives.WriteUInt32LittleEndian(target[20..], PayloadCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(target[28..], Crc32C.Compute(target[..28]));
    }

    /// <summary>False for anything that is not a whole, intact header (a torn tail, zeros, another file).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ResidualRecordHeader header)
    {
        header = default;
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[28..]) != Crc32C.Compute(source[..28]) || source[4] > 1) return false;
        header = new ResidualRecordHeader(source[4] == 1, BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[8..]), BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[16..]), BinaryPrimitives.ReadUInt32LittleEndian(source[20..]));
        return header.CompressedLength >= 0 && header.Positions >= 0 && header.FirstPosition >= 0;
    }
}
