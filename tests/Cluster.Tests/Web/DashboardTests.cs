using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Cluster.Tests.Support;

namespace Lens.Cluster.Tests.Web;

public sealed class DashboardTests
{
    [Fact]
    public async Task WithLensDashboardAuthOffTheOrleansDashboardIsServedToAnyoneWithLiveClusterData()
    {
        await using var host = await LensWebHost.StartAsync(new Dictionary<string, string> { ["LENS_DASHBOARD_AUTH"] = "false" });

        using var page = await host.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        var counters = await Eventually.Until("the dashboard's first sample", () => host.Http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters"),
            c => c.GetProperty("hosts").GetArrayLength() > 0, TimeSpan.FromSeconds(20), c => c.ToString());
        var silo = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ByDefaultTheDashboardNeedsASignedInUserByTokenOrSignInCookie()
    {
        await using var host = await LensWebHost.StartAsync();

        using (var anonymous = await host.Http.GetAsync("/dashboard/DashboardCounters"))
            await Problems.AssertProblemAsync(anonymous, 401);
        using (var bearer = host.ClientWith(await host.SignInAsync()))
            Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/dashboard/DashboardCounters")).StatusCode);

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.Http.BaseAddress };
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { name = "alice" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        // The cookie is scoped to the dashboard: it does not sign API calls in.
        await Problems.AssertProblemAsync(await browser.GetAsync("/api/auth/me"), 401);
    }
}
