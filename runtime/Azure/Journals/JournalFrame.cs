using System.Buffers.Binary;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Journals;

/// <summary>
/// The bytes of one event in a journal segment: payload length (int32 LE), sequence (int64 LE), payload.
/// Carrying the sequence lets a reader that starts mid-blob check it landed where it meant to. A frame with
/// length -1 is the seal: the journal continues, at that sequence, in the next segment blob.
/// </summary>
internal static class JournalFrame
{
    public const int HeaderSize = 12;
    private const int SealLength = -1;

    /// <summary>Frames <paramref name="events"/> as sequences <paramref name="firstSequence"/>, +1, ... into one block.</summary>
    public static byte[] Encode(long firstSequence, IReadOnlyList<byte[]> events)
    {
        var block = new byte[events.Sum(e => HeaderSize + e.Length)];
        var position = 0;
        for (var i = 0; i < events.Count; i++)
        {
            WriteHeader(block.AsSpan(position), events[i].Length, firstSequence + i);
            events[i].CopyTo(block.AsSpan(position + HeaderSize));
            position += HeaderSize + events[i].Length;
        }
        return block;
    }

    /// <summary>The seal block: event <paramref name="nextSequence"/> and later live in the next segment.</summary>
    public static byte[] Seal(long nextSequence)
    {
        var block = new byte[HeaderSize];
        WriteHeader(block, SealLength, nextSequence);
        return block;
    }

    /// <summary>
    /// Reads every frame of <paramref name="bytes"/>; null when the first frame is not <paramref name="firstSequence"/>
    /// (the caller started at a wrong offset). <c>Sealed</c> tells whether the bytes end with the seal.
    /// </summary>
    /// <exception cref="InvalidDataException">Frames are truncated, out of sequence, or follow the seal.</exception>
    public static (List<JournalEntry> Entries, bool Sealed)? Decode(ReadOnlySpan<byte> bytes, long firstSequence, string journalId)
    {
        var entries = new List<JournalEntry>();
        var position = 0;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < HeaderSize) throw Corrupt(journalId, position, "truncated frame header");
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]);
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes[(position + 4)..]);
            var expected = firstSequence + entries.Count;
            if (sequence != expected || length < SealLength)
            {
                if (entries.Count == 0) return null;
                throw Corrupt(journalId, position, $"sequence {sequence} (length {length}) where {expected} was due");
            }
            if (length == SealLength)
            {
                if (position + HeaderSize != bytes.Length) throw Corrupt(journalId, position, "frames after the seal");
                return (entries, true);
            }
            if (length > bytes.Length - position - HeaderSize) throw Corrupt(journalId, position, "truncated payload");
            entries.Add(new JournalEntry(sequence, bytes.Slice(position + HeaderSize, length).ToArray()));
            position += HeaderSize + length;
        }
        return (entries, false);
    }

    private static void WriteHeader(Span<byte> destination, int length, long sequence)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], sequence);
    }

    private static InvalidDataException Corrupt(string journalId, int position, string what) =>
        new($"Journal '{journalId}' is corrupt: {what} at byte {position} of the part read.");
}
