using Lens.Runtime.Testing;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Cluster;

[Trait("Category", "Fault")]
public sealed class FailoverTests
{
    [Fact]
    public async Task GrainsOfAStoppedSiloReactivateElsewhereWithStateRebuiltFromTheJournal()
    {
        await using var cluster = await Clusters.StartAsync(silos: 3);
        var acknowledged = await AppendToManyAsync(cluster, "stop", grains: 12, events: 9);
        var victim = MostLoaded(cluster, acknowledged.Keys);
        var victimId = victim.Id;
        var hosted = victim.ActivationIds.Where(id => acknowledged.ContainsKey(id.Key)).ToList();
        Assert.NotEmpty(hosted);

        await cluster.StopSiloAsync(victim);

        await AssertStateAndPlacementAsync(cluster, acknowledged, victimId);
    }

    [Fact]
    public async Task GrainsOfAKilledSiloReactivateElsewhereWithoutLosingAcknowledgedEvents()
    {
        await using var cluster = await Clusters.StartAsync(silos: 3);
        var acknowledged = await AppendToManyAsync(cluster, "kill", grains: 12, events: 9);
        var victim = MostLoaded(cluster, acknowledged.Keys);
        var victimId = victim.Id;

        await cluster.KillSiloAsync(victim);

        await AssertStateAndPlacementAsync(cluster, acknowledged, victimId);
        await cluster.WaitUntilDeadAsync(victimId, TimeSpan.FromSeconds(10));
    }

    private static async Task<Dictionary<string, List<long>>> AppendToManyAsync(TestCluster cluster, string prefix, int grains, int events)
    {
        var acknowledged = Enumerable.Range(0, grains).ToDictionary(i => Clusters.Key($"{prefix}{i}"), _ => new List<long>());
        await Task.WhenAll(acknowledged.Select(async pair =>
        {
            var grain = cluster.Client.GetGrain<IJournalTestGrain>(pair.Key);
            for (var v = 1; v <= events; v++)
            {
                await grain.Append(v);
                pair.Value.Add(v);
            }
        }));
        return acknowledged;
    }

    private static TestSilo MostLoaded(TestCluster cluster, IEnumerable<string> keys) =>
        cluster.Silos.OrderByDescending(s => s.ActivationIds.Count(id => keys.Contains(id.Key))).First();

    private static async Task AssertStateAndPlacementAsync(TestCluster cluster, Dictionary<string, List<long>> acknowledged, string goneSilo)
    {
        foreach (var (key, values) in acknowledged)
        {
            var grain = cluster.Client.GetGrain<IJournalTestGrain>(key);
            var state = await grain.GetValues().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(values.SequenceEqual(state), $"grain {key}: expected [{string.Join(",", values)}] after failover, got [{string.Join(",", state)}]");
            var who = await grain.WhoAmI();
            Assert.True(who.SiloId != goneSilo, $"grain {key}: still answered by the removed silo {goneSilo}");
            Assert.Equal(values.Count + 1, await grain.Append(100));
            Assert.True(cluster.CountActivations(new GrainId("journaltest", key)) == 1, $"grain {key}: expected 1 activation after failover, found {cluster.CountActivations(new GrainId("journaltest", key))}");
        }
    }
}
