namespace Lens.Runtime.Azure.Probe;

/// <summary>
/// Proves the whole storage path through a running cluster: activation, conditional journal append,
/// snapshot and recovery on another silo. Every silo that loads this provider hosts it, so operators and
/// multi-process tests can probe a deployment without grains of their own.
/// </summary>
[GrainType("storageprobe")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="value"/> to the probe's journal; returns the journal version after it.</summary>
    Task<long> Record(long value);

    /// <summary>Every recorded value, in journal order (the state rebuilt from the journal).</summary>
    Task<List<long>> GetRecorded();

    /// <summary>The silo hosting the activation.</summary>
    Task<string> GetSiloId();
}
