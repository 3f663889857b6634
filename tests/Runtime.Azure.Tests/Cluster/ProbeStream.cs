using Lens.Runtime.Azure.Probe;

namespace Lens.Runtime.Azure.Tests.Cluster;

/// <summary>
/// A client streaming <c>Record(1)</c>, <c>Record(2)</c>, … to one probe grain, each call after the previous one
/// returned. A failed call is not resent (its value may or may not be in the journal); the stream goes on.
/// </summary>
internal sealed class ProbeStream(string key, IStorageProbeGrain grain)
{
    private readonly List<(long Value, long Version)> _acknowledged = [];
    private readonly List<(long Value, Exception Error)> _failed = [];

    /// <summary>The grain key.</summary>
    public string Key { get; } = key;

    /// <summary>Values whose call returned, with the journal version it returned.</summary>
    public IReadOnlyList<(long Value, long Version)> Acknowledged { get { lock (_acknowledged) return _acknowledged.ToList(); } }

    /// <summary>Values whose call failed.</summary>
    public IReadOnlyList<(long Value, Exception Error)> Failed { get { lock (_acknowledged) return _failed.ToList(); } }

    /// <summary>Calls until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var value = 1L; !stop.IsCancellationRequested; value++)
        {
            try
            {
                var version = await grain.Record(value);
                lock (_acknowledged) _acknowledged.Add((value, version));
            }
            catch (Exception e) when (e is GrainCallException or TimeoutException)
            {
                lock (_acknowledged) _failed.Add((value, e));
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
