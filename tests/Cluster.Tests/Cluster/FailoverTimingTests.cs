using System.Diagnostics;
using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace Lens.Cluster.Tests.Cluster;

[Trait("Category", "Fault")]
public sealed class FailoverTimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GrainsOfAKilledSiloAnswerFromAnotherSiloWithinFiveSeconds()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 3);
        var keys = Enumerable.Range(0, 30).Select(i => TestClusters.Key($"fail{i}")).ToArray();
        var homes = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<ICounterGrain>(k).WhoAmI()));
        var victim = cluster.Silos.Where(s => s.IsActive).MaxBy(s => homes.Count(h => h.Silo == s.SiloAddress.ToString()))!;
        var victimAddress = victim.SiloAddress.ToString();
        var orphans = keys.Where((_, i) => homes[i].Silo == victimAddress).ToList();
        Assert.NotEmpty(orphans);

        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        var back = await Task.WhenAll(orphans.Select(async key =>
        {
            while (true)
            {
                try
                {
                    var who = await cluster.Client.GetGrain<ICounterGrain>(key).WhoAmI();
                    return (Key: key, Who: who, After: clock.Elapsed);
                }
                catch (Exception e) when (clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:0.00} s {key}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    await Task.Delay(50);
                }
            }
        }));

        var slowest = back.Max(b => b.After);
        output.WriteLine($"{orphans.Count} grains of the killed silo answered again after {back.Min(b => b.After).TotalSeconds:0.00}–{slowest.TotalSeconds:0.00} s");
        Assert.All(back, b => Assert.NotEqual(victimAddress, b.Who.Silo));
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"the last grain of the killed silo answered after {slowest.TotalSeconds:0.00} s; expected under 5 s");
    }
}
