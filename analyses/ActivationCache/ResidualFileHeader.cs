using System.Buffers.Binary;

namespace Lens.Analyses;

/// <summary>
/// The 32-byte header of a <see cref="ResidualStreamFile"/>: magic, version, the shape it was written for (layers,
/// hidden) and the chunk length in positions, then a CRC-32C of the 28 bytes before it.
/// </summary>
public readonly record struct ResidualFileHeader(int Layers, int Hidden, int ChunkPositions)
{
    public const int Size = 32;
    private const uint Magic = 0x4353524C; // "LRSC"
    private const ushort Version = 1;

    public void Write(Span<byte> target)
    {
        target[..Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(target, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(target[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(target[8..], Layers);
        BinaryPrimitives.WriteInt32LittleEndian(target[12..], Hidden);
        BinaryPrimitives.WriteInt32LittleEndian(target[16..], ChunkPositions);
        BinaryPrimitives.WriteUInt32LittleEndian(target[28..], Crc32C.Compute(target[..28]));
    }

    /// <summary>The header of <paramref name="path"/>, or an error saying why the file is not an activation cache file.</summary>
    public static ResidualFileHeader Read(ReadOnlySpan<byte> source, string path)
    {
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic || BinaryPrimitives.ReadUInt32LittleEndian(source[28..]) != Crc32C.Compute(source[..28]))
            throw new InvalidDataException($"{path}: not an activation cache file (bad magic or header checksum)");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        if (version != Version) throw new InvalidDataException($"{path}: activation cache file version {version}, this build reads version {Version}");
        return new ResidualFileHeader(BinaryPrimitives.ReadInt32LittleEndian(source[8..]), BinaryPrimitives.ReadInt32LittleEndian(source[12..]), BinaryPrimitives.ReadInt32LittleEndian(source[16..]));
    }
}
