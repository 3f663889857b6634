using System.Buffers.Binary;
using System.IO.Hashing;
using Lens.Storage.Files;

namespace Lens.Storage.Journals.File;

/// <summary>
/// A stream's snapshot file: <c>magic u32 | version i64 | tail offset i64 | crc32 u32 | state</c>, the crc covering
/// version, offset and state; the tail offset is where the log's frames after <c>version</c> start. Replaced
/// atomically; a damaged file counts as no snapshot.
/// </summary>
internal sealed record SnapshotFile(long Version, long TailOffset, ReadOnlyMemory<byte> State)
{
    private const uint Magic = 0x31534C4C; // "LLS1"
    private const int HeaderLength = 24;
    private const int ChecksummedFrom = 4; // version, tail offset and state, so a damaged position is caught too

    public JournalPosition TailStart => new(Version, 0, TailOffset);

    public static async Task<SnapshotFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await AtomicFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (bytes is null || bytes.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic) return null;
        var state = bytes.AsMemory(HeaderLength);
        if (Checksum(bytes) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20))) return null;
        return new SnapshotFile(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12)), state);
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = new byte[HeaderLength + State.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), Version);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), TailOffset);
        State.Span.CopyTo(bytes.AsSpan(HeaderLength));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), Checksum(bytes));
        return AtomicFile.WriteAsync(path, bytes, cancellationToken);
    }

    private static uint Checksum(byte[] bytes)
    {
        var crc = new Crc32();
        crc.Append(bytes.AsSpan(ChecksummedFrom, 16));
        crc.Append(bytes.AsSpan(HeaderLength));
        return crc.GetCurrentHashAsUInt32();
    }

}
