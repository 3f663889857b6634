namespace Lens.Storage.Journals;

/// <summary>
/// An append-only store of event streams, one per journaled grain. A stream is a sequence of batches; each batch is
/// stored whole or not at all, and its events are numbered 1, 2, 3… (the stream's version is the last number).
/// Snapshots let a reader start from a recent state and read only the events after it.
/// </summary>
public interface IEventJournal
{
    /// <summary>Reads a stream: its latest snapshot (if any) and every event after it.</summary>
    /// <param name="stream">The stream id (any non-empty string; it is escaped for the store).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="JournalUnavailableException">The store did not answer.</exception>
    /// <exception cref="JournalCorruptException">Stored bytes fail their checksum or break the version sequence.</exception>
    Task<JournalRead> ReadAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a batch if the stream holds exactly <paramref name="expectedVersion"/> events. A resubmitted batch (a
    /// retry after a lost response) whose event ids the stream already holds right after
    /// <paramref name="expectedVersion"/> succeeds without being stored again; if only its first events are there, the
    /// rest is appended after them.
    /// </summary>
    /// <returns>The stream's version after the batch: <paramref name="expectedVersion"/> + the batch's count.</returns>
    /// <exception cref="ArgumentException">An empty batch, a duplicate or empty event id, or a batch over the store's size limit.</exception>
    /// <exception cref="JournalConflictException">Another writer appended other events at <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="JournalUnavailableException">The store did not answer: the batch may or may not be stored.</exception>
    Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalRecord> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="state"/> as the stream's state after <paramref name="version"/> events, so later reads
    /// start there. <paramref name="version"/> must end a stored batch. An older snapshot than the stored one is ignored.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="version"/> is beyond the stream's end or inside a batch.</exception>
    /// <exception cref="JournalUnavailableException">The store did not answer.</exception>
    Task WriteSnapshotAsync(string stream, long version, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default);
}
