using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Cluster.Tests.Support;

namespace Lens.Cluster.Tests.Web;

/// <summary>An external client (LENS_COHOST=false) with no silo alive: it starts, answers 503, and connects once a silo comes.</summary>
public sealed class NoSiloTests
{
    [Fact]
    public async Task TheExternalClientStartsWithoutASiloAnswers503AndServesOnceASiloArrives()
    {
        await using var client = await LensWebHost.StartAsync(new Dictionary<string, string> { ["LENS_COHOST"] = "false" });
        using var api = client.ClientWith(await client.SignInAsync());

        Assert.Equal("unavailable", await HealthAsync(client));
        using (var early = await api.GetAsync("/api/cluster/silos"))
            Assert.Contains("not reached any silo", await Problems.AssertProblemAsync(early, 503), StringComparison.Ordinal);
        Assert.Equal("1", (await api.GetAsync("/api/cluster/silos")).Headers.RetryAfter?.ToString());

        var silo = await LensWebHost.StartAsync(new Dictionary<string, string>
        {
            ["LENS_DATA_DIR"] = client.DataDirectory,
            ["LENS_GATEWAY_PORT"] = client.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await Eventually.Until("the external client reaches the new silo", async () => (await api.GetAsync("/api/cluster/silos")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), status => $"HTTP {(int)status}");
        Assert.Equal("degraded", await HealthAsync(client));

        await silo.DisposeAsync();

        var gone = await Eventually.Until("calls fail as 503 once the silo is gone", () => api.GetAsync("/api/cluster/silos"),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), r => $"HTTP {(int)r.StatusCode}");
        await Problems.AssertProblemAsync(gone, 503);
        Assert.Equal("unavailable", await HealthAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsJsonAsync("/api/auth/sign-in", new { name = "still-serving" })).StatusCode);
    }

    // /api/health answers 503 when unavailable, with the same body shape.
    private static async Task<string?> HealthAsync(LensWebHost host)
    {
        using var response = await host.Http.GetAsync("/api/health");
        var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        Assert.Equal(status == "unavailable" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
        return status;
    }
}
