using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

public sealed class PlacementTests
{
    [Fact]
    public async Task CapabilityPinnedGrainsActivateOnlyOnSilosAdvertisingTheCapability()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var error = await Assert.ThrowsAsync<GrainCallException>(() => cluster.Client.GetGrain<IGpuGrain>("early").SiloId());
        Assert.Equal(GrainCallErrorKind.NoCompatibleSilo, error.Kind);
        Assert.Contains("gpu", error.Message, StringComparison.Ordinal);

        var gpu = await cluster.StartSiloAsync("gpu");
        await cluster.WaitForViewsToConvergeAsync(TimeSpan.FromSeconds(5));
        var hosts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.Silos[i % 3].GrainFactory.GetGrain<IGpuGrain>($"g{i}").SiloId()));
        Assert.All(hosts, host => Assert.Equal(gpu.Id, host));
    }

    [Fact]
    public async Task UnpinnedGrainsSpreadOverTheSilos()
    {
        await using var cluster = await Clusters.StartAsync(silos: 3, fileStorage: false);
        var hosts = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => cluster.Client.GetGrain<IUtilityGrain>(Clusters.Key($"spread{i}")).SiloId()));
        Assert.Equal(3, hosts.Distinct().Count());
    }
}
