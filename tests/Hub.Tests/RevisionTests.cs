using Lens.Hub.Tests.Models;

namespace Lens.Hub.Tests;

/// <summary>Branches, tags and commits each resolve to their own snapshot; unchanged files share one blob.</summary>
public sealed class RevisionTests : HubTestBase
{
    private FakeRepoVersions Publish()
    {
        var repo = Hub.AddRepo("org/model");
        var old = repo.Commit(TestModels.WithExtras(TestModels.Folder(TestModels.RandomModel(seed: 1))));
        // The next commit retrains the weights; config.json stays byte for byte the same.
        var newer = repo.Commit(TestModels.WithExtras(TestModels.Folder(TestModels.RandomModel(seed: 2))));
        return new FakeRepoVersions(repo, old, newer);
    }

    private sealed record FakeRepoVersions(Fake.FakeRepo Repo, string Old, string New);

    [Fact]
    public async Task APinnedCommitAndMainResolveToTheirOwnSnapshots()
    {
        var (repo, old, newer) = Publish();

        var pinned = await Client().ResolveAsync($"org/model@{old}");
        var main = await Client().ResolveAsync("org/model@main");

        var root = RepoFolder("org/model");
        Assert.Equal(Path.Combine(root, "snapshots", old), pinned);
        Assert.Equal(Path.Combine(root, "snapshots", newer), main);
        Assert.Equal(repo.File(old, "model.safetensors").Content, File.ReadAllBytes(Path.Combine(pinned, "model.safetensors")));
        Assert.Equal(repo.File(newer, "model.safetensors").Content, File.ReadAllBytes(Path.Combine(main, "model.safetensors")));
        Assert.Equal(newer, File.ReadAllText(Path.Combine(root, "refs", "main")));
        Assert.Equal(["main"], Directory.GetFiles(Path.Combine(root, "refs")).Select(Path.GetFileName));

        // The shared config.json is one blob, fetched once.
        Assert.Equal(new FileInfo(Path.Combine(pinned, "config.json")).LinkTarget, new FileInfo(Path.Combine(main, "config.json")).LinkTarget);
        Assert.Single(Hub.Requests, r => r.Method == "GET" && r.Path.EndsWith("/config.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MainMovingOnIsFollowedAndRecorded()
    {
        var repo = Hub.AddRepo("org/model");
        var first = repo.Commit(TestModels.Folder(TestModels.RandomModel(seed: 1)));
        await Client().ResolveAsync("org/model");
        var second = repo.Commit(TestModels.Folder(TestModels.RandomModel(seed: 2)));

        var folder = await Client().ResolveAsync("org/model");

        Assert.Equal(Path.Combine(RepoFolder("org/model"), "snapshots", second), folder);
        Assert.Equal(second, File.ReadAllText(Path.Combine(RepoFolder("org/model"), "refs", "main")));
        Assert.True(Directory.Exists(Path.Combine(RepoFolder("org/model"), "snapshots", first)), "the old snapshot stays for whoever pinned it");
    }

    [Fact]
    public async Task TagsAndPullRequestRefsAreRecordedUnderRefs()
    {
        var (repo, old, newer) = Publish();
        repo.Tag("v1.0", old);
        repo.Tag("refs/pr/1", newer);

        var tagged = await Client().ResolveAsync("org/model@v1.0");
        var pr = await Client().ResolveAsync("org/model@refs/pr/1");

        var root = RepoFolder("org/model");
        Assert.Equal(Path.Combine(root, "snapshots", old), tagged);
        Assert.Equal(Path.Combine(root, "snapshots", newer), pr);
        Assert.Equal(old, File.ReadAllText(Path.Combine(root, "refs", "v1.0")));
        Assert.Equal(newer, File.ReadAllText(Path.Combine(root, "refs", "refs", "pr", "1")));
        // The revision travels as one path segment, '/' escaped, as huggingface_hub sends it.
        Assert.Contains(Hub.Requests, r => r.Path == "/api/models/org/model/revision/refs%2Fpr%2F1");
    }

    [Fact]
    public async Task ACachedCommitResolvesWithoutAskingTheHub()
    {
        var (_, old, _) = Publish();
        var first = await Client().ResolveAsync($"org/model@{old}");
        Hub.ClearRequests();

        var again = await Client().ResolveAsync($"org/model@{old}");

        Assert.Equal(first, again);
        Assert.Empty(Hub.Requests);
    }
}
