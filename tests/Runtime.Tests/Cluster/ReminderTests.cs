using Lens.Runtime.Placement;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Cluster;

public sealed class ReminderTests
{
    [Fact]
    [Trait("Category", "Fault")]
    public async Task ReminderFiresFromAnotherSiloAfterItsOwningSiloDied()
    {
        await using var cluster = await Clusters.StartAsync(silos: 3);
        var key = Clusters.Key("remind");
        var grainId = new GrainId("remindertest", key);
        await cluster.Client.GetGrain<IReminderTestGrain>(key).Start(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));

        var owner = new HashRing(cluster.Silos.Select(s => s.Id)).OwnerOf(grainId.StableHash())!;
        var first = await Eventually.Until("first tick", () => Task.FromResult(ReminderLog.Ticks.Where(t => t.GrainKey == key).ToList()),
            ticks => ticks.Count > 0, TimeSpan.FromSeconds(10), ticks => $"{ticks.Count} ticks");
        Assert.Equal(owner, first[0].FiringSilo);

        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.Id == owner));
        var killedAt = DateTimeOffset.UtcNow;

        var after = await Eventually.Until("tick after owner died",
            () => Task.FromResult(ReminderLog.Ticks.Where(t => t.GrainKey == key && t.At > killedAt && t.FiringSilo != owner).ToList()),
            ticks => ticks.Count > 0, TimeSpan.FromSeconds(20), ticks => $"{ticks.Count} ticks from other silos (owner was {owner})");
        Assert.NotEqual(owner, after[0].HostSilo);

        await cluster.Client.GetGrain<IReminderTestGrain>(key).Stop();
        Assert.Empty(await cluster.Storage.Reminders.ReadGrainAsync(grainId.ToString()));
    }
}
