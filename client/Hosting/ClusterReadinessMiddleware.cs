using Lens.Client.Apis;
using Lens.Client.Auth;

namespace Lens.Client.Hosting;

/// <summary>
/// Answers 503 for routes that need the cluster while this process cannot make grain calls yet (the external client
/// still looking for a gateway, or the co-hosted silo still starting); health says "unavailable", sign-in works.
/// </summary>
internal sealed class ClusterReadinessMiddleware(RequestDelegate next, IClusterConnection connection, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (connection.IsConnected || !NeedsCluster(http))
        {
            await next(http);
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api/health"))
        {
            // The health answer keeps its shape: unavailable, no silos, no models.
            await Results.Json(new HealthApi.Health("unavailable", 0, []), ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 503, Title = "Cluster unavailable", Detail = connection.Describe() },
        });
    }

    private static bool NeedsCluster(HttpContext http)
    {
        if (http.GetEndpoint() is null) return false; // unknown routes get their 404
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api/auth")) return false;
        return path.StartsWithSegments("/api") || path.StartsWithSegments(LensAuthentication.DashboardPath);
    }
}
