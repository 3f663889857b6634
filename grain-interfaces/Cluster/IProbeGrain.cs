namespace Lens.GrainInterfaces.Cluster;

/// <summary>
/// A diagnostic grain that persists every value it is given, in order, through the silo's grain storage: it shows
/// that calls reach the cluster, where the grain lives, and that acknowledged writes survive a silo crash
/// (<c>/api/cluster/probes/{key}</c>, the failover tests and benchmarks).
/// </summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="value"/> and returns once it is stored.</summary>
    Task<ProbeReceipt> Record(long value);

    /// <summary>Every stored value and where the grain lives now.</summary>
    Task<ProbeRecord> Read();

    /// <summary>Answers without touching storage: where the grain lives.</summary>
    Task<string> Ping();
}
