namespace Lens.Storage.Journals;

/// <summary>An append met a stream that another writer had moved on: nothing was appended.</summary>
public sealed class JournalConflictException(string stream, long expectedVersion, long actualVersion)
    : Exception($"Journal stream '{stream}': the append expected version {expectedVersion} but the stream is at version {actualVersion} with other events (another writer appended first); nothing was appended.")
{
    /// <summary>The stream appended to.</summary>
    public string Stream { get; } = stream;

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The version found.</summary>
    public long ActualVersion { get; } = actualVersion;
}
