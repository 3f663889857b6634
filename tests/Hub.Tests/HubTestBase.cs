using Lens.Hub.Tests.Fake;
using Lens.Tests;

namespace Lens.Hub.Tests;

/// <summary>Each test: a fresh fake hub on a free 127.0.0.1 port and an empty hub cache folder.</summary>
public abstract class HubTestBase : IAsyncLifetime
{
    protected FakeHub Hub { get; private set; } = null!;
    protected string Cache { get; } = TestPaths.TempFolder("hub-cache");

    /// <summary>Options for the fake hub and this test's cache; retries wait only milliseconds.</summary>
    protected HubOptions Options => new() { Endpoint = Hub.Endpoint, CacheDirectory = Cache, RetryDelay = TimeSpan.FromMilliseconds(10) };

    protected HubClient Client(Func<HubOptions, HubOptions>? change = null) => new(change is null ? Options : change(Options));

    /// <summary>models--org--name in the cache, spelled out here rather than taken from the code under test.</summary>
    protected string RepoFolder(string repo) => Path.Combine(Cache, "models--" + repo.Replace("/", "--", StringComparison.Ordinal));

    protected IReadOnlyList<HubRequest> CdnGets(string sha256) =>
        Hub.Requests.Where(r => r.Method == "GET" && r.Path == "/cdn/" + sha256).ToList();

    public async Task InitializeAsync() => Hub = await FakeHub.StartAsync();

    public async Task DisposeAsync() => await Hub.DisposeAsync();
}
