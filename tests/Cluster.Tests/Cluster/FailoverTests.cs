using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;
using Orleans.TestingHost;

namespace Lens.Cluster.Tests.Cluster;

[Trait("Category", "Fault")]
public sealed class FailoverTests
{
    [Theory]
    [InlineData("killed")]
    [InlineData("stopped")]
    public async Task GrainsOfALostSiloComeBackElsewhereWithEveryAcknowledgedValue(string how)
    {
        await using var cluster = await TestClusters.StartAsync(silos: 3);
        var acknowledged = await AppendToManyAsync(cluster, how, grains: 12, values: 9);
        var homes = await Task.WhenAll(acknowledged.Keys.Select(k => cluster.Client.GetGrain<ILedgerGrain>(k).WhoAmI()));
        var victim = cluster.Silos.MaxBy(s => homes.Count(h => h.Silo == s.SiloAddress.ToString()))!;
        var gone = victim.SiloAddress.ToString();
        Assert.Contains(homes, h => h.Silo == gone);

        if (how == "killed") await cluster.KillSiloAsync(victim);
        else await cluster.StopSiloAsync(victim);

        foreach (var (key, values) in acknowledged)
        {
            var grain = cluster.Client.GetGrain<ILedgerGrain>(key);
            var stored = await grain.Values().Within(TimeSpan.FromSeconds(30), $"ledger {key} after the silo was {how}");
            Assert.True(values.SequenceEqual(stored), $"ledger {key}: expected [{string.Join(",", values)}] after failover, got [{string.Join(",", stored)}]");
            Assert.NotEqual(gone, (await grain.WhoAmI()).Silo);
            Assert.Equal(values.Count + 1, await grain.Append(100));
            await Ledgers.AssertIntactAsync(cluster, key, [.. values, 100], [], $"after the silo was {how}");
            Assert.Single(LiveActivations.Of(key, cluster.LiveSilos()));
        }
    }

    private static async Task<Dictionary<string, List<long>>> AppendToManyAsync(InProcessTestCluster cluster, string prefix, int grains, int values)
    {
        var acknowledged = Enumerable.Range(0, grains).ToDictionary(i => TestClusters.Key($"{prefix}{i}"), _ => new List<long>());
        await Task.WhenAll(acknowledged.Select(async pair =>
        {
            var grain = cluster.Client.GetGrain<ILedgerGrain>(pair.Key);
            for (var v = 1; v <= values; v++)
            {
                await grain.Append(v);
                pair.Value.Add(v);
            }
        }));
        return acknowledged;
    }
}
