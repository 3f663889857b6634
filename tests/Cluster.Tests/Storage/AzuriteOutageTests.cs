using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Cluster.Tests.Support;
using Lens.Tests.Azurite;
using Xunit.Abstractions;

namespace Lens.Cluster.Tests.Storage;

/// <summary>Azurite goes away (stopped, or frozen) under two running silos and comes back.</summary>
[Trait("Category", "Fault")]
public sealed class AzuriteOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Azurite keeps blob metadata in memory and saves it on the way out: a SIGTERM with time to flush, not a SIGKILL.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);
    private AzuriteServer? _azurite;
    private readonly List<LensWebHost> _silos = [];

    private AzuriteServer Azurite => _azurite!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var cluster = $"out{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 2; i++)
        {
            _silos.Add(await LensWebHost.StartAsync(new Dictionary<string, string>
            {
                ["LENS_STORAGE"] = "azure",
                ["LENS_AZURE_CONNECTION"] = Azurite.ConnectionString,
                ["LENS_CLUSTER_ID"] = cluster,
                ["LENS_COHOST"] = "true",
                ["LENS_AUTH_KEY"] = "outage-test-signing-key",
            }));
        }
    }

    public async Task DisposeAsync()
    {
        // Silos before Azurite: a silo whose storage is gone hangs in its graceful shutdown.
        foreach (var silo in _silos) await silo.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task WhileAzuriteIsStoppedCallsFailAs503NamingStorageAndAfterItReturnsNothingAcknowledgedIsLost()
    {
        using var api = await SignedInAsync();
        await AssertBothSilosActiveAsync(api);
        var acknowledged = await RecordAsync(api, "stopped", 1, 2, 3);

        await Azurite.StopAsync(StopGrace);
        var clock = Stopwatch.StartNew();
        using (var failed = await api.PostAsJsonAsync("/api/cluster/probes/stopped", new { value = 4 }))
        {
            var detail = await Problems.AssertProblemAsync(failed, 503);
            output.WriteLine($"during the outage, after {clock.Elapsed.TotalSeconds:0.0} s: {detail}");
            Assert.Contains("127.0.0.1", detail, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/health")).StatusCode);

        await Azurite.RestartAsync();
        acknowledged.AddRange(await RecordEventuallyAsync(api, "stopped", 5));
        await AssertStoredAsync(api, "stopped", acknowledged, unknown: [4]);
        await AssertBothSilosActiveAsync(api);
    }

    [Fact]
    public async Task WhileAzuriteIsFrozenCallsFailAs503WithinSecondsAndRecoverAfterTheThaw()
    {
        using var api = await SignedInAsync();
        var acknowledged = await RecordAsync(api, "frozen", 1, 2);

        Azurite.Freeze();
        var clock = Stopwatch.StartNew();
        using (var failed = await api.PostAsJsonAsync("/api/cluster/probes/frozen", new { value = 3 }))
        {
            var detail = await Problems.AssertProblemAsync(failed, 503);
            output.WriteLine($"frozen storage answered after {clock.Elapsed.TotalSeconds:0.0} s: {detail}");
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(35), $"a hung storage call took {clock.Elapsed.TotalSeconds:0.0} s to fail");
        Azurite.Thaw();

        acknowledged.AddRange(await RecordEventuallyAsync(api, "frozen", 4));
        await AssertStoredAsync(api, "frozen", acknowledged, unknown: [3]);
        await AssertBothSilosActiveAsync(api);
    }

    private async Task<HttpClient> SignedInAsync() => _silos[0].ClientWith(await _silos[0].SignInAsync());

    private static async Task<List<long>> RecordAsync(HttpClient api, string key, params long[] values)
    {
        foreach (var value in values)
            (await api.PostAsJsonAsync($"/api/cluster/probes/{key}", new { value })).EnsureSuccessStatusCode();
        return [.. values];
    }

    // The first calls after storage returns may still meet a stale connection or ETag; the value is then unknown.
    private static async Task<List<long>> RecordEventuallyAsync(HttpClient api, string key, long first)
    {
        for (var value = first; value < first + 100; value++)
        {
            using var response = await api.PostAsJsonAsync($"/api/cluster/probes/{key}", new { value });
            if (response.IsSuccessStatusCode) return [value];
            await Problems.AssertProblemAsync(response, 503);
            await Task.Delay(500);
        }
        throw new TimeoutException($"probe {key}: no call succeeded in 100 tries after storage returned");
    }

    private static async Task AssertStoredAsync(HttpClient api, string key, List<long> acknowledged, long[] unknown)
    {
        var stored = (await api.GetFromJsonAsync<JsonElement>($"/api/cluster/probes/{key}")).GetProperty("values").EnumerateArray().Select(v => v.GetInt64()).ToList();
        Assert.True(stored.Where(acknowledged.Contains).SequenceEqual(acknowledged), $"probe {key}: acknowledged [{string.Join(",", acknowledged)}], stored [{string.Join(",", stored)}]");
        Assert.All(stored.Where(v => !acknowledged.Contains(v)), v => Assert.True(unknown.Contains(v) || v > acknowledged[^1] - 100, $"probe {key}: stored {v}, which was never sent"));
        Assert.Equal(stored.Distinct().Count(), stored.Count);
    }

    private static async Task AssertBothSilosActiveAsync(HttpClient api) =>
        await Eventually.Until("both silos active", async () => (await api.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("silos").GetInt32(),
            n => n == 2, TimeSpan.FromSeconds(30), n => $"{n} active silos");
}
