namespace Lens.Storage.Journals.Azure;

/// <summary>The end of a stream: the position after its last frame, and how many blocks the current segment holds.</summary>
internal readonly record struct SegmentTail(JournalPosition Position, int Blocks)
{
    public long Version => Position.Version;

    public static SegmentTail Start => new(JournalPosition.Start, 0);
}
