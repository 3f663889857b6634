using System.Buffers.Binary;
using System.IO.Hashing;

namespace Lens.Storage.Journals;

/// <summary>
/// One stored batch, the unit both journals write: <c>magic u32 | length i32 | crc32 u32 | firstVersion i64 |
/// count i32 | count × (eventId 16 bytes | payloadLength i32 | payload)</c>, little endian, the crc covering everything
/// after itself. A frame with count 0 is a seal: its segment ends there and the stream goes on in the next segment.
/// </summary>
internal readonly record struct JournalFrame(long FirstVersion, int Count, ReadOnlyMemory<byte> Bytes)
{
    public const uint Magic = 0x314A4C4C; // "LLJ1"
    public const int HeaderLength = 24;
    private const int EventHeaderLength = 20;
    private const int ChecksummedFrom = 12;

    /// <summary>The frame's length in bytes.</summary>
    public int Length => Bytes.Length;

    /// <summary>A seal ends a segment; it holds no events.</summary>
    public bool IsSeal => Count == 0;

    /// <summary>The stream's version after this frame.</summary>
    public long EndVersion => FirstVersion + Count - 1;

    /// <summary>The encoded size of a batch.</summary>
    public static long SizeOf(IReadOnlyList<JournalRecord> batch)
    {
        long size = HeaderLength;
        foreach (var record in batch) size += EventHeaderLength + record.Payload.Length;
        return size;
    }

    /// <summary>Encodes a batch whose first event gets <paramref name="firstVersion"/>.</summary>
    public static byte[] Encode(long firstVersion, IReadOnlyList<JournalRecord> batch)
    {
        var frame = new byte[checked((int)SizeOf(batch))];
        var at = HeaderLength;
        foreach (var record in batch)
        {
            record.EventId.TryWriteBytes(frame.AsSpan(at));
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(at + 16), record.Payload.Length);
            record.Payload.Span.CopyTo(frame.AsSpan(at + EventHeaderLength));
            at += EventHeaderLength + record.Payload.Length;
        }
        WriteHeader(frame, firstVersion, batch.Count);
        return frame;
    }

    /// <summary>Encodes the seal that closes a segment before event <paramref name="nextVersion"/>.</summary>
    public static byte[] EncodeSeal(long nextVersion)
    {
        var frame = new byte[HeaderLength];
        WriteHeader(frame, nextVersion, 0);
        return frame;
    }

    /// <summary>Reads the frame at the start of <paramref name="data"/>.</summary>
    /// <returns>Complete, Incomplete when <paramref name="data"/> ends inside the frame, or Invalid (bad magic or crc).</returns>
    public static FrameStatus TryRead(ReadOnlyMemory<byte> data, out JournalFrame frame)
    {
        frame = default;
        var span = data.Span;
        if (span.Length < HeaderLength) return span.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic ? FrameStatus.Invalid : FrameStatus.Incomplete;
        if (BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic) return FrameStatus.Invalid;
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (length < HeaderLength) return FrameStatus.Invalid;
        if (length > span.Length) return FrameStatus.Incomplete;
        if (Crc32.HashToUInt32(span[ChecksummedFrom..length]) != BinaryPrimitives.ReadUInt32LittleEndian(span[8..])) return FrameStatus.Invalid;
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        if (count < 0) return FrameStatus.Invalid;
        frame = new JournalFrame(BinaryPrimitives.ReadInt64LittleEndian(span[12..]), count, data[..length]);
        return frame.EventsFit() ? FrameStatus.Complete : FrameStatus.Invalid;
    }

    /// <summary>The declared length of the frame starting <paramref name="data"/>, or -1 without a readable header.</summary>
    public static int DeclaredLength(ReadOnlySpan<byte> data) =>
        data.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(data) == Magic ? BinaryPrimitives.ReadInt32LittleEndian(data[4..]) : -1;

    /// <summary>Adds this frame's events numbered above <paramref name="afterVersion"/> to <paramref name="entries"/>.</summary>
    public void AddEntriesTo(List<JournalEntry> entries, long afterVersion)
    {
        var at = HeaderLength;
        var span = Bytes.Span;
        for (var i = 0; i < Count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 16)..]);
            var version = FirstVersion + i;
            if (version > afterVersion) entries.Add(new JournalEntry(version, new Guid(span.Slice(at, 16)), Bytes.Slice(at + EventHeaderLength, length)));
            at += EventHeaderLength + length;
        }
    }

    private bool EventsFit()
    {
        var span = Bytes.Span;
        var at = HeaderLength;
        for (var i = 0; i < Count; i++)
        {
            if (at + EventHeaderLength > span.Length) return false;
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 16)..]);
            if (length < 0 || at + EventHeaderLength + length > span.Length) return false;
            at += EventHeaderLength + length;
        }
        return at == span.Length;
    }

    private static void WriteHeader(byte[] frame, long firstVersion, int count)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), frame.Length);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(12), firstVersion);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(20), count);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(ChecksummedFrom)));
    }
}
