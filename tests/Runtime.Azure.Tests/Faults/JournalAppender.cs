using System.Text;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Faults;

/// <summary>
/// Appends numbered events one at a time the way a journaled grain does: on an unknown outcome it re-reads
/// the journal's version before appending again, never retrying blindly. Records what was acknowledged.
/// </summary>
internal sealed class JournalAppender(IJournalStore store, string journalId)
{
    private readonly List<int> _acknowledged = [];
    private readonly List<int> _unknown = [];
    private readonly List<Exception> _failures = [];

    /// <summary>Events whose append returned success, in order.</summary>
    public IReadOnlyList<int> Acknowledged { get { lock (_acknowledged) return _acknowledged.ToList(); } }

    /// <summary>Events whose append failed as unavailable: they may or may not be in the journal.</summary>
    public IReadOnlyList<int> Unknown { get { lock (_acknowledged) return _unknown.ToList(); } }

    /// <summary>Every unavailability seen.</summary>
    public IReadOnlyList<Exception> Failures { get { lock (_acknowledged) return _failures.ToList(); } }

    /// <summary>Appends until <paramref name="stop"/> fires; an append in flight then completes, so its outcome is known.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var version = await ReadVersionWhenBackAsync(stop);
        for (var next = 0; !stop.IsCancellationRequested; next++)
        {
            try
            {
                version = await store.AppendAsync(journalId, version, [Payload(next)]);
                lock (_acknowledged) _acknowledged.Add(next);
            }
            catch (StorageUnavailableException e)
            {
                lock (_acknowledged) { _unknown.Add(next); _failures.Add(e); }
                version = await ReadVersionWhenBackAsync(stop);
            }
            catch (JournalConflictException e)
            {
                throw new InvalidOperationException($"Single writer of '{journalId}' met a conflict at event {next}: {e.Message}", e);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The number an event payload carries.</summary>
    public static int Number(JournalEntry entry) => int.Parse(Encoding.UTF8.GetString(entry.Payload)["event-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Payload(int number) => Encoding.UTF8.GetBytes($"event-{number}");

    private async Task<long> ReadVersionWhenBackAsync(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                return (await store.ReadAsync(journalId, 0)).Version;
            }
            catch (StorageUnavailableException e)
            {
                lock (_acknowledged) _failures.Add(e);
                await Task.Delay(100, stop);
            }
        }
    }
}
