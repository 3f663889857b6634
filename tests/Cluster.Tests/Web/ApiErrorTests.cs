using System.Net.Http.Json;
using System.Text;
using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;
using Lens.GrainInterfaces.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lens.Cluster.Tests.Web;

/// <summary>Every bad request gets problem+json saying what was wrong, and the server keeps serving.</summary>
public sealed class ApiErrorTests : IAsyncLifetime
{
    private LensWebHost? _host;
    private HttpClient? _api;

    private LensWebHost Host => _host!;

    private HttpClient Api => _api!;

    public async Task InitializeAsync()
    {
        _host = await LensWebHost.StartAsync(configure: MapTestRoutes);
        _api = Host.ClientWith(await Host.SignInAsync());
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"value\": 1", 400, "JSON")]
    [InlineData("not json", 400, "JSON")]
    [InlineData("{\"value\": \"seven\"}", 400, "$.value")]
    [InlineData("{\"value\": 1.5}", 400, "$.value")]
    [InlineData("{}", 400, "'value' is required")]
    [InlineData("", 400, "body")]
    public async Task MalformedOrMistypedBodiesAre400NamingTheProblem(string body, int status, string mentioned)
    {
        using var response = await Api.PostAsync("/api/cluster/probes/p1", new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = await Problems.AssertProblemAsync(response, status);
        Assert.Contains(mentioned, detail, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ABodyOfAnotherMediaTypeIs415()
    {
        using var response = await Api.PostAsync("/api/cluster/probes/p1", new StringContent("value=1", Encoding.UTF8, "text/plain"));

        Assert.Contains("JSON", await Problems.AssertProblemAsync(response, 415), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task UnknownApiRoutesAre404NamingTheRouteAndWrongMethods405()
    {
        using var unknown = await Api.GetAsync("/api/no/such/thing");
        Assert.Contains("GET /api/no/such/thing", await Problems.AssertProblemAsync(unknown, 404), StringComparison.Ordinal);

        using var oldRuntimeRoute = await Api.PostAsync("/lens/call", new StringContent("{}", Encoding.UTF8, "application/json"));
        await Problems.AssertProblemAsync(oldRuntimeRoute, 404);

        using var wrongMethod = await Api.DeleteAsync("/api/cluster/silos");
        Assert.Contains("DELETE", await Problems.AssertProblemAsync(wrongMethod, 405), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task AnOverlongProbeKeyIs400()
    {
        using var response = await Api.PostAsJsonAsync($"/api/cluster/probes/{new string('k', 101)}", new { value = 1 });

        Assert.Contains("1–100 characters", await Problems.AssertProblemAsync(response, 400), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("argument", 400)]
    [InlineData("missing", 404)]
    [InlineData("denied", 403)]
    [InlineData("crash", 500)]
    public async Task ExceptionsAGrainThrowsBecomeProblemsWithTheirMessage(string kind, int status)
    {
        using var response = await Api.GetAsync($"/api/test/grain-throws/{kind}");

        Assert.Contains($"grain says {kind}", await Problems.AssertProblemAsync(response, status), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ClusterFailuresAre503WithTheReason()
    {
        using var silo = await Api.GetAsync("/api/test/throws/silo-gone");
        Assert.Contains("S127.0.0.1:1:1", await Problems.AssertProblemAsync(silo, 503), StringComparison.Ordinal);

        using var model = await Api.GetAsync("/api/test/throws/model");
        Assert.Contains("'llama-70b'", await Problems.AssertProblemAsync(model, 503), StringComparison.Ordinal);

        using var placed = await Api.GetAsync("/api/test/model-grain/nobody-has-this");
        Assert.Contains("'nobody-has-this'", await Problems.AssertProblemAsync(placed, 503), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    private static void MapTestRoutes(WebApplication app)
    {
        app.MapGet("/api/test/grain-throws/{kind}", (string kind, IGrainFactory grains) => grains.GetGrain<IFaultyGrain>("f").Throw(kind, $"grain says {kind}")).RequireAuthorization();
        app.MapGet("/api/test/throws/silo-gone", IResult () => throw new SiloUnavailableException("The silo S127.0.0.1:1:1 is gone."));
        app.MapGet("/api/test/throws/model", IResult () => throw new ModelUnavailableException("llama-70b", "no live silo holds it"));
        app.MapGet("/api/test/model-grain/{model}", (string model, IGrainFactory grains) => grains.GetGrain<IModelBoundGrain>(model).Silo());
    }

    private async Task AssertStillServingAsync()
    {
        var record = await Api.PostAsJsonAsync("/api/cluster/probes/alive", new { value = 7 });
        Assert.True(record.IsSuccessStatusCode, $"the server should keep serving, got {(int)record.StatusCode}: {await record.Content.ReadAsStringAsync()}");
    }
}
