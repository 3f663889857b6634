using Lens.Engine.Inference;
using Lens.Hub.Tests.Models;
using Lens.Tests;
using Lens.Tokenization;

namespace Lens.Hub.Tests;

public sealed class DownloadTests : HubTestBase
{
    private static readonly string[] Stories260KNeeds =
        ["config.json", "generation_config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"];

    [Fact]
    public async Task DownloadedModelGivesTheSameLogitsAndTokensAsTheOriginalFolder()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        using var original = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        using var downloaded = Transformer.Load(folder, threads: 1);
        var ids = Tokenizer.Load(TestPaths.Stories260KHf).Encode("Once upon a time, there was a little");
        Assert.Equal(ids, Tokenizer.Load(folder).Encode("Once upon a time, there was a little"));
        Assert.Equal(original.Forward(ids), downloaded.Forward(ids));
    }

    [Fact]
    public async Task OnlyTheFilesTheModelNeedsAreRequested()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(Stories260KNeeds, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var extra in TestModels.Extras.Keys)
            Assert.DoesNotContain(Hub.Requests, r => r.Path.EndsWith("/" + extra, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShardedModelBringsItsIndexAndShardsAndLoads()
    {
        var source = TestModels.RandomModel(seed: 7, layers: 3);
        var files = TestModels.Sharded(source, shards: 3);
        var repo = Hub.AddRepo("org/sharded");
        repo.Commit(files);

        var folder = await Client().ResolveAsync("org/sharded");

        string[] expected = ["config.json", "model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors", "model.safetensors.index.json"];
        Assert.Equal(expected, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(CdnGets(repo.File("main", "consolidated.safetensors").Sha256));
        using var original = Transformer.Load(source, threads: 1);
        using var downloaded = Transformer.Load(folder, threads: 1);
        int[] ids = [1, 17, 300, 42, 5];
        Assert.Equal(original.Forward(ids), downloaded.Forward(ids));
    }

    [Fact]
    public async Task ProgressReportsEveryDownloadedFileUpToItsSize()
    {
        var files = TestModels.Stories260K();
        Hub.AddRepo("karpathy/stories260k").Commit(files);
        var progress = new SynchronousProgress<HubProgress>();

        await Client().ResolveAsync("karpathy/stories260k", progress);

        var byFile = progress.Reports.GroupBy(r => r.File).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Stories260KNeeds, byFile.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, reports) in byFile)
        {
            Assert.All(reports, r => Assert.Equal("karpathy/stories260k", r.Repo));
            Assert.All(reports, r => Assert.Equal(files[file].Length, r.TotalBytes));
            Assert.Equal(reports.Select(r => r.BytesDone).Order(), reports.Select(r => r.BytesDone));
            Assert.True(reports[^1].IsComplete, $"{file}: last report {reports[^1]}");
        }
        // The 1.2 MB weights are reported along the way (at least every 512 kB), not only at the end.
        Assert.True(byFile["model.safetensors"].Count(r => !r.IsComplete && r.BytesDone > 0) >= 2, string.Join(", ", byFile["model.safetensors"]));
    }

    [Fact]
    public async Task SecondResolveDownloadsNothing()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        var first = await Client().ResolveAsync("karpathy/stories260k");
        Hub.ClearRequests();

        var second = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(first, second);
        // One look at the branch; no HEAD, no download.
        var request = Assert.Single(Hub.Requests);
        Assert.Equal("/api/models/karpathy/stories260k/revision/main", request.Path);
    }

    [Fact]
    public async Task ACancelledDownloadStopsAndLeavesNoBlob()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        var weights = repo.File("main", "model.safetensors");
        var held = Hub.Faults.Hold("model.safetensors");
        using var cancel = new CancellationTokenSource();

        var resolving = Client().ResolveAsync("karpathy/stories260k", ct: cancel.Token);
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolving);
        held.Release();
        Assert.False(File.Exists(Path.Combine(RepoFolder("karpathy/stories260k"), "blobs", weights.Etag)));
        var folder = await Client().ResolveAsync("karpathy/stories260k");
        Assert.Equal(weights.Content, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
    }

    [Fact]
    public async Task TwoClientsAtOnceDownloadEachBlobOnce()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        var held = Hub.Faults.Hold("model.safetensors");

        var first = Client().ResolveAsync("karpathy/stories260k");
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        // The second client looks the file up, finds its blob locked by the first and waits for it.
        var second = Client().ResolveAsync("karpathy/stories260k");
        await Hub.WaitForRequestsAsync("both clients' HEAD of model.safetensors", r => r.Method == "HEAD" && r.Path.EndsWith("/model.safetensors", StringComparison.Ordinal), count: 2);
        held.Release();

        Assert.Equal(await first, await second);
        Assert.Single(CdnGets(repo.File("main", "model.safetensors").Sha256));
    }
}
