namespace Lens.Runtime.Storage.InMemory;

/// <summary>Journals in memory, same semantics as the file store; for tests and benchmarks.</summary>
public sealed class InMemoryJournalStore : IJournalStore
{
    private readonly Dictionary<string, List<byte[]>> _journals = [];
    private readonly Dictionary<string, JournalSnapshot> _snapshots = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<JournalSlice> ReadAsync(string journalId, long afterVersion, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var events = _journals.GetValueOrDefault(journalId) ?? [];
            var entries = events.Select((e, i) => new JournalEntry(i + 1, e)).Where(e => e.Sequence > afterVersion).ToList();
            return Task.FromResult(new JournalSlice(entries, events.Count));
        }
    }

    /// <inheritdoc />
    public Task<long> AppendAsync(string journalId, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_journals.TryGetValue(journalId, out var journal)) _journals[journalId] = journal = [];
            if (journal.Count != expectedVersion) throw new JournalConflictException(journalId, expectedVersion, journal.Count);
            journal.AddRange(events.Select(e => e.ToArray()));
            return Task.FromResult((long)journal.Count);
        }
    }

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(string journalId, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_snapshots.GetValueOrDefault(journalId));
    }

    /// <inheritdoc />
    public Task<string> WriteSnapshotAsync(string journalId, long version, byte[] state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var current = _snapshots.GetValueOrDefault(journalId)?.ETag;
            if (current != expectedETag) throw new StorageConflictException($"Snapshot of '{journalId}': expected ETag '{expectedETag}' but found '{current}'.");
            var etag = Guid.NewGuid().ToString("N");
            _snapshots[journalId] = new JournalSnapshot(version, state.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }
}
