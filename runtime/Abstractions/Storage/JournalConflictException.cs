namespace Lens.Runtime.Storage;

/// <summary>
/// A conditional append expected a journal version that is no longer current, typically because another
/// activation of the same grain appended first. Nothing was written.
/// </summary>
public sealed class JournalConflictException : StorageConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="journalId">The journal.</param>
    /// <param name="expectedVersion">The version the writer assumed.</param>
    /// <param name="actualVersion">The version found, or -1 when the store cannot tell.</param>
    public JournalConflictException(string journalId, long expectedVersion, long actualVersion)
        : base($"Journal '{journalId}': append expected version {expectedVersion} but found {(actualVersion < 0 ? "another" : actualVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))}; nothing was written.")
    {
        JournalId = journalId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The journal.</summary>
    public string JournalId { get; }

    /// <summary>The version the writer assumed.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version found, or -1 when unknown.</summary>
    public long ActualVersion { get; }
}
