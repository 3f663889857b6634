using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Lens.Runtime.Storage.File;

/// <summary>
/// Journals as append-only files of checksummed frames (<see cref="JournalFrame"/>), one per grain, and
/// snapshots as atomically replaced files. Conditional append = check the indexed version under the file lock.
/// </summary>
public sealed class FileJournalStore : IJournalStore
{
    private static readonly ConcurrentDictionary<string, JournalFile> s_files = new();
    private readonly string _journals;
    private readonly string _snapshots;
    private readonly bool _durable;

    /// <summary>Creates the store under <paramref name="root"/>.</summary>
    /// <param name="root">Data directory.</param>
    /// <param name="durable">fsync every append (off only for benchmarks of the code path).</param>
    public FileJournalStore(string root, bool durable = true)
    {
        _journals = Path.Combine(root, "journals");
        _snapshots = Path.Combine(root, "snapshots");
        _durable = durable;
        System.IO.Directory.CreateDirectory(_journals);
        System.IO.Directory.CreateDirectory(_snapshots);
    }

    /// <summary>Torn tails cut so far in this process (for tests and metrics).</summary>
    public static int TornTailsCut => s_files.Values.Sum(f => f.TornTailsCut);

    /// <summary>Drops the in-process indexes, as a process restart would (tests of crash recovery).</summary>
    internal static void ForgetIndexes() => s_files.Clear();

    /// <inheritdoc />
    public Task<JournalSlice> ReadAsync(string journalId, long afterVersion, CancellationToken cancellationToken = default) =>
        FileStoreIO.Run($"read journal {journalId}", async () =>
        {
            var file = FileFor(journalId);
            await using var _ = await FileLock.AcquireAsync(file.Path, cancellationToken);
            await file.RefreshAsync(cancellationToken);
            return new JournalSlice(await file.ReadAfterAsync(afterVersion, cancellationToken), file.Version);
        });

    /// <inheritdoc />
    public Task<long> AppendAsync(string journalId, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken = default) =>
        FileStoreIO.Run($"append journal {journalId}", async () =>
        {
            if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
            var file = FileFor(journalId);
            await using var _ = await FileLock.AcquireAsync(file.Path, cancellationToken);
            await file.RefreshAsync(cancellationToken);
            if (file.Version != expectedVersion) throw new JournalConflictException(journalId, expectedVersion, file.Version);
            // No cancellation from here on: a half-written frame would only be cut later, but the caller must learn the outcome.
            await file.AppendAsync(JournalFrame.Encode(expectedVersion + 1, events), events.Count, _durable, CancellationToken.None);
            return file.Version;
        });

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(string journalId, CancellationToken cancellationToken = default) =>
        FileStoreIO.Run($"read snapshot {journalId}", async () =>
        {
            var bytes = await AtomicFile.ReadAsync(SnapshotPath(journalId), cancellationToken);
            return bytes is null ? null : TryDecodeSnapshot(bytes);
        });

    /// <inheritdoc />
    public Task<string> WriteSnapshotAsync(string journalId, long version, byte[] state, string? expectedETag, CancellationToken cancellationToken = default) =>
        FileStoreIO.Run($"write snapshot {journalId}", async () =>
        {
            var path = SnapshotPath(journalId);
            await using var _ = await FileLock.AcquireAsync(path, cancellationToken);
            var current = await AtomicFile.ReadAsync(path, cancellationToken);
            // A corrupt snapshot is as good as none: the journal is the truth, so it may be overwritten.
            var currentETag = current is null ? null : TryDecodeSnapshot(current)?.ETag ?? expectedETag;
            if (currentETag != expectedETag)
                throw new StorageConflictException($"Snapshot of '{journalId}': expected ETag '{expectedETag ?? "(none)"}' but found '{currentETag ?? "(none)"}'.");
            var etag = Guid.NewGuid().ToString("N");
            var content = new byte[8 + 32 + 4 + state.Length];
            BinaryPrimitives.WriteInt64LittleEndian(content, version);
            System.Text.Encoding.ASCII.GetBytes(etag, content.AsSpan(8, 32));
            state.CopyTo(content, 44);
            BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(40), Crc32.Compute(state));
            await AtomicFile.WriteAsync(path, content, _durable, cancellationToken);
            return etag;
        });

    /// <summary>Null when the snapshot is corrupt; replay from the journal then.</summary>
    private static JournalSnapshot? TryDecodeSnapshot(byte[] bytes)
    {
        if (bytes.Length < 44) return null;
        var state = bytes.AsSpan(44).ToArray();
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)) != Crc32.Compute(state)) return null;
        return new JournalSnapshot(BinaryPrimitives.ReadInt64LittleEndian(bytes), state, System.Text.Encoding.ASCII.GetString(bytes, 8, 32));
    }

    private JournalFile FileFor(string journalId)
    {
        var path = Path.GetFullPath(Path.Combine(_journals, SafeFileName.For(journalId) + ".log"));
        return s_files.GetOrAdd(path, static p => new JournalFile(p));
    }

    private string SnapshotPath(string journalId) => Path.Combine(_snapshots, SafeFileName.For(journalId) + ".snap");
}
