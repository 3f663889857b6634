namespace Lens.Cluster.Tests.Grains;

/// <summary>A journaled grain that appends values, one event confirmed per call.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Appends and returns once stored; returns how many values the ledger holds.</summary>
    Task<int> Append(long value);

    Task<IReadOnlyList<long>> Values();

    Task<ActivationInfo> WhoAmI();
}
