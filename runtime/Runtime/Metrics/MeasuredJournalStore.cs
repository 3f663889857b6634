using System.Diagnostics;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Metrics;

/// <summary>Decorates the journal store with latency and error metrics.</summary>
internal sealed class MeasuredJournalStore(IJournalStore inner, SiloMetrics metrics) : IJournalStore
{
    public Task<JournalSlice> ReadAsync(string journalId, long afterVersion, CancellationToken cancellationToken = default) =>
        Measure("read", () => inner.ReadAsync(journalId, afterVersion, cancellationToken));

    public Task<long> AppendAsync(string journalId, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken = default) =>
        Measure("append", () => inner.AppendAsync(journalId, expectedVersion, events, cancellationToken));

    public Task<JournalSnapshot?> ReadSnapshotAsync(string journalId, CancellationToken cancellationToken = default) =>
        Measure("read-snapshot", () => inner.ReadSnapshotAsync(journalId, cancellationToken));

    public Task<string> WriteSnapshotAsync(string journalId, long version, byte[] state, string? expectedETag, CancellationToken cancellationToken = default) =>
        Measure("write-snapshot", () => inner.WriteSnapshotAsync(journalId, version, state, expectedETag, cancellationToken));

    private async Task<T> Measure<T>(string operation, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            var result = await action();
            failed = false;
            return result;
        }
        catch (StorageConflictException)
        {
            failed = false; // a conflict is the store working as designed
            throw;
        }
        finally
        {
            metrics.RecordStorage(operation, Stopwatch.GetElapsedTime(start).TotalMilliseconds, failed);
        }
    }
}
