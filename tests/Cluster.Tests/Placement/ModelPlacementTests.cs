using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;
using Lens.GrainInterfaces.Cluster;
using Lens.GrainInterfaces.Models;

namespace Lens.Cluster.Tests.Placement;

public sealed class ModelPlacementTests
{
    [Fact]
    public async Task GrainsOfAModelActivateOnlyOnSilosHoldingItAndSpreadOverThem()
    {
        // Silo 0 holds alpha, silo 1 holds alpha and beta, silo 2 holds nothing.
        string[][] plan = [["alpha"], ["alpha", "beta"], []];
        await using var cluster = await TestClusters.StartAsync(silos: 3, models: i => plan[i]);
        await TestClusters.WaitForSiloMetadataAsync(cluster);
        var address = cluster.Silos.ToDictionary(s => s.SiloAddress.ToString(), s => cluster.Silos.IndexOf(s));

        var alphaHosts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            cluster.Silos[i % 3].Grains().GetGrain<IModelBoundGrain>($"alpha#{TestClusters.Key("r")}").Silo()));
        var betaHosts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            cluster.Client.GetGrain<IModelBoundGrain>($"beta#{i}").Silo()));

        Assert.True(alphaHosts.All(h => address[h] is 0 or 1), $"alpha grains landed on silos [{string.Join(",", alphaHosts.Select(h => address[h]).Distinct())}], expected only 0 and 1");
        Assert.True(alphaHosts.Select(h => address[h]).Distinct().Count() == 2, "40 alpha grains should spread over both silos holding alpha");
        Assert.All(betaHosts, h => Assert.Equal(1, address[h]));
        Assert.Equal(1, address[await cluster.Client.GetGrain<IModelBoundGrain>("beta").Silo()]);
    }

    [Fact]
    public async Task NoLiveSiloHoldingTheModelFailsNamingTheModelAndWhatTheSilosHold()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2, models: i => i == 0 ? ["alpha", "gamma"] : []);
        await TestClusters.WaitForSiloMetadataAsync(cluster);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => cluster.Client.GetGrain<IModelBoundGrain>("llama-70b").Silo());

        Assert.Equal("llama-70b", error.Model);
        Assert.Contains("'llama-70b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the 2 live silo(s) hold: alpha, gamma", error.Message, StringComparison.Ordinal);
        // The failure is about placement only: the silos keep serving.
        Assert.Equal(cluster.Silos[0].SiloAddress.ToString(), await cluster.Client.GetGrain<IModelBoundGrain>("alpha").Silo());
    }

    [Fact]
    public async Task AModelBecomesPlaceableWhenASiloHoldingItJoins()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 1, models: i => i == 1 ? ["delta"] : []);
        var before = await Assert.ThrowsAsync<ModelUnavailableException>(() => cluster.Client.GetGrain<IModelBoundGrain>("delta").Silo());
        Assert.Contains("hold no models", before.Message, StringComparison.Ordinal);

        var joined = await cluster.StartAdditionalSiloAsync();
        var host = await Eventually.Until("delta placeable on the new silo",
            async () =>
            {
                try { return await cluster.Client.GetGrain<IModelBoundGrain>("delta").Silo(); }
                catch (ModelUnavailableException) { return null; }
            },
            h => h is not null, TimeSpan.FromSeconds(20), h => h ?? "still unavailable");
        Assert.Equal(joined.SiloAddress.ToString(), host);
    }

    [Fact]
    public async Task TheClusterViewListsEverySiloWithItsModels()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2, models: i => i == 0 ? ["alpha"] : ["beta", "gamma"]);

        var silos = await Eventually.Until("both silos' metadata known",
            () => cluster.Client.GetGrain<IClusterViewGrain>(0).GetSilos(),
            s => s.Count(x => x.Models.Count > 0) == 2, TimeSpan.FromSeconds(10), s => string.Join("; ", s));

        Assert.All(silos, s => Assert.Equal("active", s.Status));
        Assert.Equal(["alpha"], silos.Single(s => s.Address == cluster.Silos[0].SiloAddress.ToString()).Models);
        Assert.Equal(["beta", "gamma"], silos.Single(s => s.Address == cluster.Silos[1].SiloAddress.ToString()).Models);
    }
}
