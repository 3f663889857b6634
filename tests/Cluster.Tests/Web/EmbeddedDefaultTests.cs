using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Cluster.Tests.Support;
using Lens.Grains.Models;
using Lens.Tests;

namespace Lens.Cluster.Tests.Web;

/// <summary>The default process: one silo co-hosted with the API on file storage.</summary>
public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task ARestartOnTheSameDataFolderLosesNothingStoredAndKeepsTokensValid()
    {
        var ports = Ports.Free(2);
        var settings = new Dictionary<string, string>
        {
            ["LENS_DATA_DIR"] = TestPaths.TempFolder("embedded"),
            ["LENS_SILO_PORT"] = ports[0].Text(),
            ["LENS_GATEWAY_PORT"] = ports[1].Text(),
        };
        string token;
        await using (var before = await LensWebHost.StartAsync(settings))
        {
            token = await before.SignInAsync("alice");
            using var api = before.ClientWith(token);
            foreach (var value in new[] { 3L, 1, 4 })
                (await api.PostAsJsonAsync("/api/cluster/probes/restart", new { value })).EnsureSuccessStatusCode();
        }

        await using var after = await LensWebHost.StartAsync(settings);
        using var again = after.ClientWith(token);
        var stored = await again.GetFromJsonAsync<JsonElement>("/api/cluster/probes/restart");

        Assert.Equal([3L, 1, 4], stored.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()));
    }

    [Fact]
    public async Task TheSiloServesTheModelsOfLensModelsAndAdvertisesThem()
    {
        await using var host = await LensWebHost.StartAsync(new Dictionary<string, string> { ["LENS_MODELS"] = $"stories260K={TestPaths.Stories260KHf}" });
        using var api = host.ClientWith(await host.SignInAsync());

        Assert.Equal([new ModelSource("stories260K", TestPaths.Stories260KHf)], host.App.Services.GetRequiredService<IReadOnlyList<ModelSource>>());
        var silo = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/cluster/silos")).GetProperty("silos").EnumerateArray());
        Assert.Equal(["stories260K"], silo.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        var health = await Eventually.Until("the model reported as served", async () =>
            {
                using var response = await host.Http.GetAsync("/api/health");
                return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
            },
            h => h.StatusCode == HttpStatusCode.OK && h.Body.GetProperty("status").GetString() == "ok", TimeSpan.FromSeconds(30), h => $"HTTP {(int)h.StatusCode} {h.Body}");
        Assert.Equal(["stories260K"], health.Body.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("/api/conversations")]
    [InlineData("/api/research/runs")]
    [InlineData("/api/dashboard/overview")]
    [InlineData("/api/model_info")]
    public async Task TheProductAndResearchRoutesAreServedToSignedInUsersOnly(string route)
    {
        await using var host = await LensWebHost.StartAsync();

        await Problems.AssertProblemAsync(await host.Http.GetAsync(route), 401);
        using var api = host.ClientWith(await host.SignInAsync());
        using var response = await api.GetAsync(route);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {route}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
