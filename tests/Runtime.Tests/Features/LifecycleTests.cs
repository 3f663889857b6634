using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

public sealed class LifecycleTests
{
    [Fact]
    public async Task IdleActivationsAreCollectedWithTheirDeactivationHookAndComeBackOnTheNextCall()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false, configure: o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(300);
            o.CollectionScanPeriod = TimeSpan.FromMilliseconds(100);
        });
        var silo = cluster.Silos[0];
        var key = Clusters.Key("idle");
        var grainId = new GrainId("utility", key);
        var deactivationsBefore = UtilityGrain.Deactivations;
        await cluster.Client.GetGrain<IUtilityGrain>(key).Echo("hi");
        Assert.Contains(grainId, silo.ActivationIds);

        await Eventually.Until("idle collection with OnDeactivateAsync",
            () => Task.FromResult((Present: silo.ActivationIds.Contains(grainId), Deactivations: UtilityGrain.Deactivations)),
            seen => !seen.Present && seen.Deactivations > deactivationsBefore, TimeSpan.FromSeconds(5),
            seen => $"activation present: {seen.Present}, deactivations {seen.Deactivations} (before: {deactivationsBefore})");
        Assert.Equal("again", await cluster.Client.GetGrain<IUtilityGrain>(key).Echo("again"));
        Assert.Contains(grainId, silo.ActivationIds);
    }

    [Fact]
    public async Task TimerTicksRunAsTurnsOfTheActivation()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false);
        var grain = cluster.Client.GetGrain<IUtilityGrain>(Clusters.Key("timer"));
        await grain.StartTimer(50);
        var ticks = await Eventually.Until("timer ticks", () => grain.TimerTicks(), n => n >= 5, TimeSpan.FromSeconds(5), n => $"{n} ticks");
        Assert.True(ticks >= 5);
    }

    [Fact]
    public async Task AFullMailboxRefusesCallsAsOverloadedInsteadOfQueueingWithoutBound()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false, configure: o => o.MailboxCapacity = 4);
        var grain = cluster.Client.GetGrain<IUtilityGrain>(Clusters.Key("busy"));
        await grain.Echo("warm");
        var calls = Enumerable.Range(0, 30).Select(_ => grain.Sleep(100, CancellationToken.None)).ToList();
        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try { await c; return "ok"; }
            catch (GrainCallException ex) { return ex.Kind.ToString(); }
        }));
        Assert.Contains("Overloaded", outcomes);
        Assert.Contains("ok", outcomes);
        Assert.All(outcomes, o => Assert.True(o is "ok" or "Overloaded", $"unexpected outcome {o}"));
        Assert.Equal("still", await grain.Echo("still"));
    }
}
