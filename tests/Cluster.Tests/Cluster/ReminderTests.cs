using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;

namespace Lens.Cluster.Tests.Cluster;

public sealed class ReminderTests
{
    [Fact]
    [Trait("Category", "Fault")]
    public async Task AReminderKeepsFiringFromAnotherSiloAfterTheSiloRunningItDied()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 3,
            configure: silo => silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500)));
        var key = TestClusters.Key("remind");
        var ticker = cluster.Client.GetGrain<ITickerGrain>(key);
        await ticker.Start(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));

        var first = await Eventually.Until("the first tick", () => Task.FromResult(Ticks(key, DateTimeOffset.MinValue)),
            ticks => ticks.Count > 0, TimeSpan.FromSeconds(20), ticks => $"{ticks.Count} ticks");
        var owner = cluster.Silos.Single(s => s.SiloAddress.ToString() == first[0].Silo);
        await cluster.KillSiloAsync(owner);
        var killedAt = DateTimeOffset.UtcNow;

        var after = await Eventually.Until("a tick from a live silo after its silo died",
            () => Task.FromResult(Ticks(key, killedAt).Where(t => t.Silo != first[0].Silo).ToList()),
            ticks => ticks.Count > 0, TimeSpan.FromSeconds(30), ticks => $"{ticks.Count} ticks (the dead silo was {first[0].Silo})");
        Assert.Contains(after[0].Silo, cluster.LiveSilos());

        await ticker.Stop();
        Assert.False(await ticker.IsRegistered());
    }

    private static List<(string Key, string Silo, DateTimeOffset At)> Ticks(string key, DateTimeOffset since) =>
        TickerGrain.Ticks.Where(t => t.Key == key && t.At > since).ToList();
}
