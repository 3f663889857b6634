using System.Net;
using System.Text.Json;
using Lens.Cluster.Tests.Support;

namespace Lens.Cluster.Tests.Web;

public sealed class OpenApiTests
{
    [Fact]
    public async Task TheOpenApiDocumentListsTheProductRoutes()
    {
        await using var host = await LensWebHost.StartAsync();

        using var response = await host.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var route in new[]
                 {
                     "/api/auth/sign-in", "/api/health", "/api/model_info", "/api/conversations", "/api/chat/with-activations",
                     "/api/chat/stream", "/api/activations/{conversation}/{position}", "/api/cache/{conversation}", "/api/cache/status",
                     "/api/research/runs", "/api/research/runs/{id}/export", "/api/dashboard/overview", "/api/cluster/silos",
                 })
            Assert.True(paths.Contains(route), $"{route} is missing from the OpenAPI document; it lists {string.Join(", ", paths.Order())}");
    }
}
