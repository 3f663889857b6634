namespace Lens.Storage.Journals.Azure;

/// <summary>The events read from a position to the stream's end, and the end.</summary>
internal sealed record SegmentRead(List<JournalEntry> Entries, SegmentTail End);
