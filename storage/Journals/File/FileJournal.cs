using System.Collections.Concurrent;
using Lens.Storage.Files;

namespace Lens.Storage.Journals.File;

/// <summary>
/// The embedded mode's journal: per stream, a log file of frames (<c>.log</c>), a snapshot file (<c>.snap</c>) and a
/// lock file (<c>.lock</c>) in one folder. Every append is flushed to disk before it is acknowledged; a torn tail left by
/// a crash fails its crc and is cut on the next access. Threads and processes sharing the folder take the stream's
/// file lock for every operation.
/// </summary>
public sealed class FileJournal : IEventJournal
{
    // The cache only saves scans; past this many streams it starts over rather than grow without bound.
    private const int MaxCachedStreams = 10_000;

    private readonly FileJournalOptions _options;
    private readonly LockStripes _gates = new();
    private readonly ConcurrentDictionary<string, FileStreamCache> _streams = new(StringComparer.Ordinal);
    private readonly FileJournalCounters _counters = new();

    /// <summary>Creates the journal over <paramref name="directory"/> (created if missing).</summary>
    public FileJournal(string directory, FileJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _options = options ?? new FileJournalOptions();
    }

    /// <summary>The folder holding the journal's files.</summary>
    public string Directory { get; }

    /// <summary>Log bytes read so far: shows that a read after a snapshot reads only the tail.</summary>
    public long BytesRead => _counters.BytesRead;

    /// <summary>Torn tails (a crash mid-append) found and cut so far.</summary>
    public int TornTailsCut => _counters.TornTails;

    /// <inheritdoc />
    public Task<JournalRead> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        JournalBatch.CheckStream(stream);
        return UnderLockAsync(stream, "read", async (log, paths) =>
        {
            var snapshot = await SnapshotFile.ReadAsync(paths.Snapshot, cancellationToken).ConfigureAwait(false);
            var scan = await log.ScanFromAsync(snapshot?.TailStart, snapshot?.Version ?? 0, cancellationToken).ConfigureAwait(false);
            if (snapshot is not null && snapshot.Version > scan.End.Version)
                throw new JournalCorruptException(stream, paths.Log, $"the snapshot is at version {snapshot.Version} but the log ends at version {scan.End.Version}");
            return new JournalRead(snapshot is null ? null : new JournalSnapshot(snapshot.Version, snapshot.State), scan.Entries, scan.End.Version);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalRecord> batch, CancellationToken cancellationToken = default)
    {
        var frame = JournalBatch.Encode(stream, expectedVersion, batch, _options.MaxBatchBytes);
        return UnderLockAsync(stream, "append to", async (log, paths) =>
        {
            var snapshotStart = SnapshotStart(paths, cancellationToken);
            var tail = await log.TailAsync(snapshotStart, cancellationToken).ConfigureAwait(false);
            var toWrite = batch;
            if (tail.Version != expectedVersion)
            {
                var stored = tail.Version > expectedVersion
                    ? Resubmission.StoredPrefix((await log.ReadAfterAsync(expectedVersion, snapshotStart, cancellationToken).ConfigureAwait(false)).Entries, batch)
                    : -1;
                if (stored < 0) throw new JournalConflictException(stream, expectedVersion, tail.Version);
                if (stored == batch.Count) return expectedVersion + batch.Count;
                // Only the first events of a resubmitted batch are stored and the stream ends after them: add the rest.
                toWrite = batch.Skip(stored).ToList();
                frame = JournalFrame.Encode(tail.Version + 1, toWrite);
            }
            return (await log.AppendAsync(tail, frame, toWrite.Count).ConfigureAwait(false)).Version;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(string stream, long version, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default)
    {
        JournalBatch.CheckStream(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return UnderLockAsync(stream, "write a snapshot of", async (log, paths) =>
        {
            var existing = await SnapshotFile.ReadAsync(paths.Snapshot, cancellationToken).ConfigureAwait(false);
            var existingStart = () => Task.FromResult(existing?.TailStart);
            var tail = await log.TailAsync(existingStart, cancellationToken).ConfigureAwait(false);
            if (version > tail.Version)
                throw new ArgumentOutOfRangeException(nameof(version), version, $"Journal stream '{stream}': cannot snapshot version {version}, the stream ends at version {tail.Version}.");
            if (existing is not null && existing.Version >= version) return;
            if (version != tail.Version && log.BoundaryAt(version) is null)
                await log.ReadAfterAsync(version, existingStart, cancellationToken).ConfigureAwait(false); // indexes the boundaries it passes
            var boundary = version == tail.Version ? tail : log.BoundaryAt(version)
                ?? throw new ArgumentException($"Journal stream '{stream}': version {version} falls inside a stored batch; snapshot a version that ends a batch.", nameof(version));
            await new SnapshotFile(version, boundary.Offset, state).WriteAsync(paths.Snapshot, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static Func<Task<JournalPosition?>> SnapshotStart(StreamPaths paths, CancellationToken cancellationToken) =>
        async () => (await SnapshotFile.ReadAsync(paths.Snapshot, cancellationToken).ConfigureAwait(false))?.TailStart;

    private Task UnderLockAsync(string stream, string operation, Func<JournalLogFile, StreamPaths, Task> work, CancellationToken cancellationToken) =>
        UnderLockAsync(stream, operation, async (log, paths) =>
        {
            await work(log, paths).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task<T> UnderLockAsync<T>(string stream, string operation, Func<JournalLogFile, StreamPaths, Task<T>> work, CancellationToken cancellationToken)
    {
        var paths = new StreamPaths(Directory, stream);
        try
        {
            await using var _ = await FileLock.AcquireAsync(paths.Lock, _gates.For(paths.Log), _options.LockTimeout, cancellationToken).ConfigureAwait(false);
            if (_streams.Count > MaxCachedStreams) _streams.Clear();
            var cache = _streams.GetOrAdd(stream, static _ => new FileStreamCache());
            return await work(new JournalLogFile(stream, paths.Log, cache, _counters), paths).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new JournalUnavailableException(stream, Directory, operation, e.Message, e);
        }
    }

    private sealed record StreamPaths(string Log, string Snapshot, string Lock)
    {
        public StreamPaths(string directory, string stream)
            : this(Path.Combine(directory, SafeName.Escape(stream) + ".log"),
                   Path.Combine(directory, SafeName.Escape(stream) + ".snap"),
                   Path.Combine(directory, SafeName.Escape(stream) + ".lock"))
        {
        }
    }
}
