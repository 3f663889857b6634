namespace Lens.Runtime.Storage;

/// <summary>
/// Append-only event journals, one per journaled grain, plus one snapshot per journal.
/// </summary>
/// <remarks>
/// A journal's version is the number of events it holds; the first event has sequence 1, so an empty
/// journal has version 0 and the event with sequence <c>n</c> was appended when the version went from
/// <c>n-1</c> to <c>n</c>. Payloads are opaque bytes (the runtime writes UTF-8 JSON); stores never parse
/// them. Journal ids are grain ids such as <c>conversation/abc</c> and may contain any printable
/// character; stores escape them as their naming rules require.
/// </remarks>
public interface IJournalStore
{
    /// <summary>
    /// Reads the events with sequence greater than <paramref name="afterVersion"/>, in order, together with
    /// the journal's current version. A journal that was never written reads as version 0, no events.
    /// </summary>
    Task<JournalSlice> ReadAsync(string journalId, long afterVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="events"/> atomically (all or none) if and only if the journal's version is
    /// exactly <paramref name="expectedVersion"/>; returns the new version
    /// (<paramref name="expectedVersion"/> + count).
    /// </summary>
    /// <exception cref="JournalConflictException">The journal's version differs; nothing was written.</exception>
    /// <remarks>
    /// This conditional append is the last guard of single activation: two writers holding the same
    /// expected version can never both succeed, so the log never forks. An append whose outcome is unknown
    /// (connection lost mid-request) must surface as <see cref="StorageUnavailableException"/>; callers then
    /// re-read the journal rather than retry blindly.
    /// </remarks>
    Task<long> AppendAsync(string journalId, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken = default);

    /// <summary>Reads the latest snapshot, or null when none was written.</summary>
    Task<JournalSnapshot?> ReadSnapshotAsync(string journalId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a snapshot of the state folded from the first <paramref name="version"/> events, replacing the
    /// previous one if its ETag equals <paramref name="expectedETag"/> (null: only if no snapshot exists).
    /// Returns the new ETag.
    /// </summary>
    /// <exception cref="StorageConflictException">The stored snapshot's ETag differs.</exception>
    Task<string> WriteSnapshotAsync(string journalId, long version, byte[] state, string? expectedETag, CancellationToken cancellationToken = default);
}
