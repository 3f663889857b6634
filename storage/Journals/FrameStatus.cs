namespace Lens.Storage.Journals;

/// <summary>What <see cref="JournalFrame.TryRead"/> found.</summary>
internal enum FrameStatus
{
    /// <summary>A whole, intact frame.</summary>
    Complete,

    /// <summary>The data ends inside the frame (a torn write, or more to read).</summary>
    Incomplete,

    /// <summary>Not a frame: wrong magic, impossible length, or a crc mismatch.</summary>
    Invalid,
}
