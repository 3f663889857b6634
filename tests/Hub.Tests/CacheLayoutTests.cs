using Lens.Hub.Tests.Models;

namespace Lens.Hub.Tests;

/// <summary>The cache on disk is huggingface_hub's own layout, so Python and we share downloads both ways.</summary>
public sealed class CacheLayoutTests : HubTestBase
{
    [Fact]
    public async Task CacheIsLaidOutAsHuggingFaceHubLaysItOut()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        var commit = repo.Commit(TestModels.Stories260K());

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        var root = RepoFolder("karpathy/stories260k");
        Assert.Equal(Path.Combine(root, "snapshots", commit), folder);
        Assert.Equal(commit, File.ReadAllText(Path.Combine(root, "refs", "main"))); // no newline, as Python writes it
        var expectedBlobs = new List<string>();
        foreach (var entry in Directory.GetFileSystemEntries(folder))
        {
            var file = repo.File(commit, Path.GetFileName(entry));
            // LFS files are named by their sha256, small ones by their git blob sha1; links are relative.
            Assert.Equal(file.IsLfs ? file.Sha256 : file.GitSha1, file.Etag);
            Assert.Equal(Path.Combine("..", "..", "blobs", file.Etag), new FileInfo(entry).LinkTarget);
            Assert.Equal(file.Content, File.ReadAllBytes(Path.Combine(root, "blobs", file.Etag)));
            expectedBlobs.Add(file.Etag);
        }
        Assert.Contains(expectedBlobs, etag => etag.Length == 64);
        Assert.Contains(expectedBlobs, etag => etag.Length == 40);
        Assert.Equal(expectedBlobs.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(root, "blobs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(Cache, ".locks", "models--karpathy--stories260k")));
    }

    [Fact]
    public async Task ACacheWrittenByHuggingFaceHubIsUsedWithoutDownloading()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        var commit = repo.Commit(TestModels.Stories260K());
        // What `snapshot_download` leaves behind, README included (it fetches every file).
        var root = RepoFolder("karpathy/stories260k");
        foreach (var name in new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "generation_config.json", "special_tokens_map.json", "README.md" })
        {
            var file = repo.File(commit, name);
            Directory.CreateDirectory(Path.Combine(root, "blobs"));
            File.WriteAllBytes(Path.Combine(root, "blobs", file.Etag), file.Content);
            Directory.CreateDirectory(Path.Combine(root, "snapshots", commit));
            File.CreateSymbolicLink(Path.Combine(root, "snapshots", commit, name), $"../../blobs/{file.Etag}");
        }
        Directory.CreateDirectory(Path.Combine(root, "refs"));
        File.WriteAllText(Path.Combine(root, "refs", "main"), commit);

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(Path.Combine(root, "snapshots", commit), folder);
        Assert.Equal("/api/models/karpathy/stories260k/revision/main", Assert.Single(Hub.Requests).Path);
    }

    [Fact]
    public async Task ABrokenSnapshotLinkIsDownloadedAgain()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        var commit = repo.Commit(TestModels.Stories260K());
        await Client().ResolveAsync("karpathy/stories260k");
        var weights = repo.File(commit, "model.safetensors");
        File.Delete(Path.Combine(RepoFolder("karpathy/stories260k"), "blobs", weights.Etag));
        Hub.ClearRequests();

        var folder = await Client().ResolveAsync("karpathy/stories260k");

        Assert.Equal(weights.Content, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
        Assert.Single(CdnGets(weights.Sha256));
    }
}
