using System.Buffers.Binary;
using System.IO.Hashing;

namespace Lens.Storage.GrainState;

/// <summary>
/// One grain state on disk: <c>magic u32 | etag (16 bytes) | crc32 u32 | serialized state</c>. The ETag changes on
/// every write; the crc makes a damaged file an error rather than a silently wrong state.
/// </summary>
internal sealed record GrainStateFile(Guid ETag, ReadOnlyMemory<byte> State)
{
    private const uint Magic = 0x31534753; // "SGS1"
    private const int HeaderLength = 24;

    public string ETagText => ETag.ToString("N");

    public byte[] Encode()
    {
        var bytes = new byte[HeaderLength + State.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        ETag.TryWriteBytes(bytes.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), Crc32.HashToUInt32(State.Span));
        State.Span.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <exception cref="InvalidDataException">The file is not a grain state or fails its checksum.</exception>
    public static GrainStateFile Decode(byte[] bytes, string path)
    {
        if (bytes.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            throw new InvalidDataException($"Grain state file '{path}' is not a Lens grain state file.");
        var state = bytes.AsMemory(HeaderLength);
        if (Crc32.HashToUInt32(state.Span) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)))
            throw new InvalidDataException($"Grain state file '{path}' fails its checksum: it is damaged.");
        return new GrainStateFile(new Guid(bytes.AsSpan(4, 16)), state);
    }
}
