using Lens.Cluster.Tests.Grains;
using Orleans.TestingHost;

namespace Lens.Cluster.Tests.Support;

/// <summary>The invariants a ledger keeps whatever happens to the silos.</summary>
internal static class Ledgers
{
    /// <summary>
    /// No value twice, no value never sent, every acknowledged value in order, at most one live activation.
    /// <paramref name="unknown"/> are values whose call failed: they may or may not be stored.
    /// </summary>
    public static async Task AssertIntactAsync(InProcessTestCluster cluster, string key, IReadOnlyList<long> acknowledged, IReadOnlyCollection<long> unknown, string phase)
    {
        var stored = await cluster.Client.GetGrain<ILedgerGrain>(key).Values();
        var allowed = acknowledged.Concat(unknown).ToHashSet();
        Assert.True(stored.Distinct().Count() == stored.Count, $"{phase}, ledger {key}: a value stored twice in [{string.Join(",", stored)}]");
        Assert.True(stored.All(allowed.Contains), $"{phase}, ledger {key}: values nobody sent: [{string.Join(",", stored.Where(v => !allowed.Contains(v)))}]");
        Assert.True(stored.Where(acknowledged.Contains).SequenceEqual(acknowledged),
            $"{phase}, ledger {key}: acknowledged [{string.Join(",", acknowledged)}] but stored [{string.Join(",", stored)}]");
        var activations = LiveActivations.Of(key, cluster.LiveSilos());
        Assert.True(activations.Count <= 1, $"{phase}, ledger {key}: expected at most 1 live activation, found {activations.Count} on [{string.Join(", ", activations.Select(a => a.Silo))}]");
    }
}
