using Lens.Hub.Tests.Models;

namespace Lens.Hub.Tests;

/// <summary>A revision already in the cache resolves without the network: offline on purpose, or with the hub gone.</summary>
public sealed class OfflineTests : HubTestBase
{
    private async Task<string> DownloadThenStopHubAsync(string modelId = "karpathy/stories260k")
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        var folder = await Client().ResolveAsync(modelId);
        await Hub.StopAsync();
        Hub.ClearRequests();
        return folder;
    }

    [Fact]
    public async Task OfflineResolvesACachedBranchFromItsRef()
    {
        var folder = await DownloadThenStopHubAsync();

        Assert.Equal(folder, await Client(o => o with { Offline = true }).ResolveAsync("karpathy/stories260k"));
        Assert.Equal(folder, await Client(o => o with { Offline = true }).ResolveAsync("karpathy/stories260k@" + Path.GetFileName(folder)));
        Assert.Empty(Hub.Requests);
    }

    [Fact]
    public async Task OfflineNeverAsksTheHubEvenWhenItIsUp()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        var folder = await Client().ResolveAsync("karpathy/stories260k");
        Hub.ClearRequests();

        Assert.Equal(folder, await Client(o => o with { Offline = true }).ResolveAsync("karpathy/stories260k"));
        Assert.Empty(Hub.Requests);
    }

    [Fact]
    public async Task OfflineWithoutTheRevisionSaysItIsNotCached()
    {
        await DownloadThenStopHubAsync();

        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { Offline = true }).ResolveAsync("karpathy/stories260k@v2"));

        Assert.Equal(HubError.NotInCache, failure.Error);
        Assert.Contains("HF_HUB_OFFLINE is set and 'karpathy/stories260k@v2' is not complete in the hub cache", failure.Message);
    }

    [Fact]
    public async Task OfflineDoesNotTrustASnapshotMissingItsWeights()
    {
        var folder = await DownloadThenStopHubAsync();
        var blob = new FileInfo(Path.Combine(folder, "model.safetensors")).ResolveLinkTarget(returnFinalTarget: true)!;
        blob.Delete();

        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { Offline = true }).ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.NotInCache, failure.Error);
    }

    [Fact]
    public async Task AnUnreachableHubFallsBackToTheCache()
    {
        var folder = await DownloadThenStopHubAsync();

        Assert.Equal(folder, await Client().ResolveAsync("karpathy/stories260k"));
    }
}
