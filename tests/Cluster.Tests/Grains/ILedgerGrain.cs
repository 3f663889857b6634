namespace Lens.Cluster.Tests.Grains;

/// <summary>A grain that appends values to its stored state, one write per call.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Appends and returns once stored; returns how many values the ledger holds.</summary>
    Task<int> Append(long value);

    Task<IReadOnlyList<long>> Values();

    Task<ActivationInfo> WhoAmI();
}
