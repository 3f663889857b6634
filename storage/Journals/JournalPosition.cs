namespace Lens.Storage.Journals;

/// <summary>A place between two frames: the stream's version there, and the segment and byte offset of the next frame.</summary>
internal readonly record struct JournalPosition(long Version, int Segment, long Offset)
{
    /// <summary>The start of an empty stream.</summary>
    public static JournalPosition Start => new(0, 0, 0);

    /// <summary>The start of the next segment, after a seal.</summary>
    public JournalPosition NextSegment => new(Version, Segment + 1, 0);

    public override string ToString() => $"version {Version} (segment {Segment}, byte {Offset})";
}
