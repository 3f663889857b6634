namespace Lens.Runtime.Azure.Journals;

/// <summary>
/// A point in a journal: after <paramref name="Version"/> events, segment blob <paramref name="Segment"/> is
/// <paramref name="Offset"/> bytes long and holds <paramref name="Blocks"/> blocks (-1: not known).
/// </summary>
internal readonly record struct JournalCursor(long Version, int Segment, long Offset, int Blocks)
{
    /// <summary>The start of every journal.</summary>
    public static JournalCursor Start => new(0, 0, 0, 0);

    /// <summary>The start of the segment after this one, at the same version.</summary>
    public JournalCursor NextSegment => new(Version, Segment + 1, 0, 0);

    /// <summary>Whether this cursor is further into the journal than <paramref name="other"/>.</summary>
    public bool IsAfter(JournalCursor other) =>
        (Version, Segment, Offset).CompareTo((other.Version, other.Segment, other.Offset)) > 0;
}
