using Lens.Hub.Tests.Models;
using Lens.Tests;

namespace Lens.Hub.Tests;

/// <summary>Every way a download goes wrong ends in an error that says what and what to do.</summary>
public sealed class ErrorTests : HubTestBase
{
    [Fact]
    public async Task AnUnknownRepositoryIsNotFound()
    {
        var failure = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("nobody/nothing"));

        Assert.Equal(HubError.RepositoryNotFound, failure.Error);
        Assert.Contains("model 'nobody/nothing'", failure.Message);
        Assert.Contains("not found", failure.Message);
        Assert.Contains(Hub.Endpoint.AbsoluteUri.TrimEnd('/'), failure.Message);
        Assert.False(Directory.Exists(Path.Combine(RepoFolder("nobody/nothing"), "snapshots")));
    }

    [Fact]
    public async Task AnUnknownRepositoryWithATokenIsNotFoundToo()
    {
        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { Token = "hf_any" }).ResolveAsync("nobody/nothing"));

        Assert.Equal(HubError.RepositoryNotFound, failure.Error);
        Assert.Contains("(404)", failure.Message);
    }

    [Fact]
    public async Task APrivateRepositoryNeedsHfToken()
    {
        var repo = Hub.AddRepo("org/private");
        repo.Commit(TestModels.Stories260K());
        repo.PrivateToken = "hf_secret";

        var failure = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("org/private"));
        Assert.Equal(HubError.RepositoryNotFound, failure.Error);
        Assert.Contains("(401)", failure.Message);
        Assert.Contains("HF_TOKEN is not set", failure.Message);

        var folder = await Client(o => o with { Token = "hf_secret" }).ResolveAsync("org/private");
        Assert.True(File.Exists(Path.Combine(folder, "model.safetensors")));
    }

    [Fact]
    public async Task TheTokenGoesToTheHubAsBearerAndNeverToTheCdn()
    {
        var repo = Hub.AddRepo("org/private");
        repo.Commit(TestModels.Stories260K());
        repo.PrivateToken = "hf_secret";

        await Client(o => o with { Token = "hf_secret" }).ResolveAsync("org/private");

        var hubRequests = Hub.Requests.Where(r => !r.IsCdn).ToList();
        var cdnRequests = Hub.Requests.Where(r => r.IsCdn).ToList();
        Assert.NotEmpty(cdnRequests);
        Assert.All(hubRequests, r => Assert.Equal("Bearer hf_secret", r.Authorization));
        Assert.All(cdnRequests, r => Assert.Null(r.Authorization));
        Assert.All(cdnRequests, r => Assert.Equal("localhost", r.Host));
    }

    [Fact]
    public async Task AGatedRepositoryWithoutAccessIsDeniedNamingHfToken()
    {
        var repo = Hub.AddRepo("meta/gated");
        repo.Commit(TestModels.Stories260K());
        repo.GatedToken = "hf_accepted";

        var anonymous = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("meta/gated"));
        Assert.Equal(HubError.AccessDenied, anonymous.Error);
        Assert.Contains("gated", anonymous.Message);
        Assert.Contains("HF_TOKEN is not set", anonymous.Message);

        var refused = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { Token = "hf_other" }).ResolveAsync("meta/gated"));
        Assert.Equal(HubError.AccessDenied, refused.Error);
        Assert.Contains("(403)", refused.Message);
        Assert.Contains("the HF_TOKEN sent was refused or has no access", refused.Message);
        Assert.Contains($"{Hub.Endpoint.AbsoluteUri}meta/gated", refused.Message);

        await Client(o => o with { Token = "hf_accepted" }).ResolveAsync("meta/gated");
    }

    [Fact]
    public async Task AnUnknownRevisionIsNamed()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());

        var failure = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("karpathy/stories260k@no-such-branch"));

        Assert.Equal(HubError.RevisionNotFound, failure.Error);
        Assert.Contains("revision 'no-such-branch' of model 'karpathy/stories260k'", failure.Message);
    }

    [Theory]
    [InlineData("model.safetensors", "sha256")]
    [InlineData("config.json", "git sha1")]
    public async Task ACorruptFileIsRemovedAndNamed(string file, string hash)
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        var commit = repo.Commit(TestModels.Stories260K());
        var expected = repo.File(commit, file);
        Hub.Faults.Corrupt(file);

        var failure = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.ChecksumMismatch, failure.Error);
        Assert.Contains($"'{file}' of 'karpathy/stories260k' is corrupt: its {hash} is ", failure.Message);
        Assert.Contains($"the hub's ETag says {expected.Etag}", failure.Message);
        var root = RepoFolder("karpathy/stories260k");
        Assert.False(File.Exists(Path.Combine(root, "blobs", expected.Etag)));
        Assert.False(File.Exists(Path.Combine(root, "blobs", expected.Etag + ".incomplete")));
        Assert.False(File.Exists(Path.Combine(root, "snapshots", commit, file)));
        Assert.False(File.Exists(Path.Combine(root, "refs", "main")));

        Hub.Faults.Heal();
        var folder = await Client().ResolveAsync("karpathy/stories260k");
        Assert.Equal(expected.Content, File.ReadAllBytes(Path.Combine(folder, file)));
    }

    [Fact]
    public async Task NotEnoughDiskSpaceFailsBeforeDownloading()
    {
        var repo = Hub.AddRepo("karpathy/stories260k");
        repo.Commit(TestModels.Stories260K());
        Hub.Faults.ClaimSize("model.safetensors", 1L << 60);

        var failure = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.Disk, failure.Error);
        Assert.Contains("not enough space", failure.Message);
        Assert.Contains("'model.safetensors'", failure.Message);
        Assert.Contains("HF_HUB_CACHE", failure.Message);
        Assert.Empty(CdnGets(repo.File("main", "model.safetensors").Sha256));
    }

    [Fact]
    public async Task AnUnwritableCacheIsADiskError()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        var notAFolder = Path.Combine(TestPaths.TempFolder("hub-cache-file"), "cache");
        File.WriteAllText(notAFolder, "a file where the cache folder should be");

        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { CacheDirectory = notAFolder }).ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.Disk, failure.Error);
        Assert.Contains($"could not write the hub cache at {notAFolder}", failure.Message);
    }

    [Fact]
    public async Task ARepositoryWithoutSafetensorsIsNotAModel()
    {
        Hub.AddRepo("org/pytorch-only").Commit(new Dictionary<string, byte[]>
        {
            ["config.json"] = "{}"u8.ToArray(),
            ["pytorch_model.bin"] = new byte[20_000],
        });

        var failure = await Assert.ThrowsAsync<HubException>(() => Client().ResolveAsync("org/pytorch-only"));

        Assert.Equal(HubError.NotAModel, failure.Error);
        Assert.Contains("no model.safetensors or model.safetensors.index.json", failure.Message);
        Assert.Contains("pytorch_model.bin", failure.Message);
    }

    [Fact]
    public async Task AnUnreachableHubWithNothingCachedIsANetworkError()
    {
        var endpoint = Hub.Endpoint;
        await Hub.StopAsync();

        var failure = await Assert.ThrowsAsync<HubException>(() => Client(o => o with { Endpoint = endpoint }).ResolveAsync("karpathy/stories260k"));

        Assert.Equal(HubError.Network, failure.Error);
        Assert.Contains("could not reach the hub for 'karpathy/stories260k'", failure.Message);
        Assert.Contains("does not hold it", failure.Message);
    }

    [Theory]
    [InlineData("not a model")]
    [InlineData("org/na--me")]
    [InlineData("org/name@../../etc")]
    public async Task ATextThatIsNoModelIdIsRejected(string text)
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => Client().ResolveAsync(text));
        Assert.Contains($"'{text}'", failure.Message);
        Assert.Empty(Hub.Requests);
    }
}
