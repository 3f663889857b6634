using Lens.Runtime.Storage;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

public sealed class KeysAndManagementTests
{
    [Fact]
    public async Task GuidKeyedGrainSeesItsOwnKeyFromAnyCaller()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var key = Guid.NewGuid();
        Assert.Equal(key, await cluster.Client.GetGrain<IKeyedGrain>(key).Key());
        Assert.Equal(key, await cluster.Silos[1].GrainFactory.GetGrain<IKeyedGrain>(key).Key());
    }

    [Fact]
    public async Task ManagementGrainListsEverySiloWithItsCapabilities()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var gpu = await cluster.StartSiloAsync("gpu");
        var silos = await cluster.Client.GetGrain<IManagementGrain>(0).GetSilos();
        Assert.Equal(3, silos.Count(s => s.Status == SiloStatus.Active));
        Assert.Equal(["gpu"], silos.Single(s => s.SiloId == gpu.Id).Capabilities);
        Assert.StartsWith("hi (from ", await cluster.Client.GetGrain<IManagementGrain>(0).Ping("hi"), StringComparison.Ordinal);
    }
}
