using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

public sealed class DeadlineTests
{
    [Fact]
    public async Task CallThatOutlivesItsDeadlineFailsWithDeadlineExceeded()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false, configure: o => o.DefaultCallTimeout = TimeSpan.FromMilliseconds(500));
        var caller = cluster.Silos[0].GrainFactory.GetGrain<IUtilityGrain>(Clusters.Key("slow"));
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<GrainCallException>(() => caller.Sleep(10_000, CancellationToken.None));
        Assert.Equal(GrainCallErrorKind.DeadlineExceeded, error.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the deadline should end the call long before the grain would");
    }

    [Fact]
    public async Task CallerCancellationReachesTheGrainAndFailsTheCallAsCancelled()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var grain = cluster.Client.GetGrain<IUtilityGrain>(Clusters.Key("cancel"));
        await grain.Echo("warm up");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<GrainCallException>(() => grain.Sleep(10_000, cancel.Token));
        Assert.Equal(GrainCallErrorKind.Cancelled, error.Kind);
        // The activation is free again: the cancelled turn ended instead of sleeping on.
        Assert.Equal("next", await grain.Echo("next").WaitAsync(TimeSpan.FromSeconds(3)));
    }
}
