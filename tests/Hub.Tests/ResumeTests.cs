using Lens.Hub.Tests.Models;

namespace Lens.Hub.Tests;

/// <summary>A download cut short continues from the bytes already on disk, within one call and across runs.</summary>
public sealed class ResumeTests : HubTestBase
{
    private const long CutAt = 300_000;

    [Fact]
    public async Task ADroppedConnectionIsResumedWithinTheSameCall()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        var weights = repo.File("main", "model.safetensors");
        Hub.Faults.CutOnce("model.safetensors", CutAt);

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(weights.Content, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
        Assert.Equal([null, $"bytes={CutAt}-"], CdnGets(weights.Sha256).Select(r => r.Range));
    }

    [Fact]
    public async Task AnInterruptedDownloadIsKeptAndResumedByTheNextRun()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        var weights = repo.File("main", "model.safetensors");
        Hub.Faults.CutAlways("model.safetensors", CutAt);
        var blobs = Path.Combine(RepoFolder("karpathy/stories260k"), "blobs");

        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { MaxAttempts = 2 }).ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.Network, failure.Error);
        Assert.Contains("'model.safetensors' of 'karpathy/stories260k'", failure.Message);
        Assert.Contains($"{CutAt} of {weights.Content.Length} bytes are kept", failure.Message);
        Assert.Equal(CutAt, new FileInfo(Path.Combine(blobs, weights.Etag + ".incomplete")).Length);
        Assert.False(File.Exists(Path.Combine(blobs, weights.Etag)), "no complete-looking blob may exist for a partial download");

        Hub.Faults.Heal();
        Hub.ClearRequests();
        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(weights.Content, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
        Assert.Equal($"bytes={CutAt}-", Assert.Single(CdnGets(weights.Sha256)).Range);
        Assert.False(File.Exists(Path.Combine(blobs, weights.Etag + ".incomplete")));
    }

    [Fact]
    public async Task AServerThatIgnoresRangeStillGivesTheRightFile()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        var weights = repo.File("main", "model.safetensors");
        Hub.Faults.CutOnce("model.safetensors", CutAt);
        Hub.Faults.IgnoreRange = true;

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(weights.Content, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
        Assert.Equal(2, CdnGets(weights.Sha256).Count);
    }

    [Fact]
    public async Task AServerErrorIsRetried()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        var weights = repo.File("main", "model.safetensors");
        Hub.Faults.Fail("model.safetensors", 503, times: 2);

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(weights.Content, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
        Assert.Equal(3, CdnGets(weights.Sha256).Count);
    }

    [Fact]
    public async Task ServerErrorsThatPersistEndInANetworkErrorNamingTheAnswer()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        Hub.Faults.Fail("model.safetensors", 503, times: 3);

        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { MaxAttempts = 3 }).ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.Network, failure.Error);
        Assert.Contains("downloading 'model.safetensors' of 'karpathy/stories260k' failed (3 tries): localhost answered 503", failure.Message);
    }

    [Fact]
    public async Task ASmallFileCutShortIsResumedToo()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        Hub.Faults.CutOnce("tokenizer_config.json", 400);

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(repo.File("main", "tokenizer_config.json").Content, File.ReadAllBytes(Path.Combine(folder, "tokenizer_config.json")));
        var gets = Hub.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/tokenizer_config.json", StringComparison.Ordinal)).Select(r => r.Range).ToList();
        Assert.Equal([null, "bytes=400-"], gets);
    }
}
