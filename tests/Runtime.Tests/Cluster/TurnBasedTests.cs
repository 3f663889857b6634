using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Cluster;

public sealed class TurnBasedTests
{
    [Fact]
    public async Task ConcurrentCallsToOneGrainRunOneAtATimeAndSequentialCallsKeepTheirOrder()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var key = Clusters.Key("turns");
        var sequential = cluster.Client.GetGrain<IOrderingGrain>(key);
        for (var i = 0; i < 10; i++) await sequential.Enter(i, 1);
        var concurrent = Enumerable.Range(10, 30).Select(i => cluster.Silos[i % 2].GrainFactory.GetGrain<IOrderingGrain>(key).Enter(i, 5));
        await Task.WhenAll(concurrent).WaitAsync(TimeSpan.FromSeconds(30));

        var report = await sequential.Report();
        Assert.Equal(Enumerable.Range(0, 10), report.Order.Take(10));
        Assert.Equal(Enumerable.Range(10, 30), report.Order.Skip(10).Order());
        Assert.True(report.MaxConcurrentExclusive == 1, $"expected at most 1 turn at a time, saw {report.MaxConcurrentExclusive}");
    }

    [Fact]
    public async Task ReadOnlyCallsInterleaveWithEachOtherButNeverWithAWrite()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false);
        var grain = cluster.Client.GetGrain<IOrderingGrain>(Clusters.Key("reads"));
        await grain.Enter(0, 1);
        var calls = new List<Task>();
        for (var i = 0; i < 5; i++) calls.Add(grain.Read(200));
        calls.Add(grain.Enter(1, 50));
        for (var i = 0; i < 5; i++) calls.Add(grain.Read(200));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        var report = await grain.Report();
        Assert.True(report.MaxConcurrentReads > 1, $"expected read-only calls to overlap, max concurrent was {report.MaxConcurrentReads}");
        Assert.True(report.ReadsDuringExclusive == 0, $"expected no read during a write, saw {report.ReadsDuringExclusive}");
    }

    [Fact]
    public async Task AlwaysInterleaveCallAnswersWhileALongTurnRuns()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false);
        var grain = cluster.Client.GetGrain<IOrderingGrain>(Clusters.Key("probe"));
        await grain.Probe();
        var longTurn = grain.Enter(1, 1500);
        var inside = await Eventually.Until("probe during turn", () => grain.Probe(), n => n == 1, TimeSpan.FromSeconds(5), n => $"{n} turns inside");
        Assert.False(longTurn.IsCompleted, "the probe should have answered before the long turn ended");
        await longTurn;
        Assert.Equal(1, inside);
    }
}
