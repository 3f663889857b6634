using System.Buffers.Binary;

namespace Lens.Runtime.Storage.File;

/// <summary>
/// On-disk layout of one appended batch: <c>magic u32 | count i32 | firstSequence i64 | bodyLength i32 |
/// body (per event: length i32, bytes) | crc32 u32</c> (little endian). A batch is one frame, so a batch is
/// durable entirely or, torn by a crash, detected by its checksum and cut entirely.
/// </summary>
internal static class JournalFrame
{
    public const uint Magic = 0x534E454C; // "LENS"
    public const int HeaderLength = 20;
    public const int TrailerLength = 4;

    public static byte[] Encode(long firstSequence, IReadOnlyList<byte[]> events)
    {
        var body = events.Sum(e => 4 + e.Length);
        var frame = new byte[HeaderLength + body + TrailerLength];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], events.Count);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], firstSequence);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], body);
        var at = HeaderLength;
        foreach (var e in events)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], e.Length);
            e.CopyTo(span[(at + 4)..]);
            at += 4 + e.Length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.Compute(span[4..at]));
        return frame;
    }

    /// <summary>Validates the frame at the start of <paramref name="data"/>; returns its length, or -1 if torn or corrupt.</summary>
    public static int TryRead(ReadOnlySpan<byte> data, long expectedFirstSequence, out int count)
    {
        count = 0;
        if (data.Length < HeaderLength + TrailerLength) return -1;
        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic) return -1;
        count = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        var first = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
        var body = BinaryPrimitives.ReadInt32LittleEndian(data[16..]);
        if (count <= 0 || body < 4 * count || first != expectedFirstSequence) return -1;
        var length = HeaderLength + body + TrailerLength;
        if (length > data.Length) return -1;
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(data[(HeaderLength + body)..]);
        return Crc32.Compute(data[4..(HeaderLength + body)]) == crc ? length : -1;
    }

    /// <summary>Splits a validated frame's body into events.</summary>
    public static IEnumerable<byte[]> Events(byte[] data, int frameOffset, int count)
    {
        var at = frameOffset + HeaderLength;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
            yield return data.AsSpan(at + 4, length).ToArray();
            at += 4 + length;
        }
    }
}
