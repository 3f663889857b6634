using Lens.GrainInterfaces.Models;
using Orleans;

namespace Lens.Client.Apis;

/// <summary><c>GET /api/health</c> (no sign-in): whether the cluster is up and which models it serves.</summary>
public static class HealthApi
{
    /// <summary>The health answer: <c>ok</c> (every listed model on a live silo), <c>degraded</c> (silos but no model) or <c>unavailable</c>.</summary>
    public sealed record Health(string Status, int Silos, string[] Models);

    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        api.MapGet("/health", GetHealth).WithName("Health");
        return api;
    }

    private static async Task<IResult> GetHealth(IGrainFactory grains)
    {
        try
        {
            var view = await grains.GetGrain<IModelDirectoryGrain>(0).Read();
            var models = view.Models().Select(m => m.Model.Name).ToArray();
            var status = view.ActiveSilos.Length == 0 ? "unavailable" : models.Length == 0 ? "degraded" : "ok";
            return TypedResults.Json(new Health(status, view.ActiveSilos.Length, models), ApiJson.Options,
                statusCode: status == "unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }
        catch (Exception e) when (ProblemMapping.ToProblem(e).Status == StatusCodes.Status503ServiceUnavailable)
        {
            return TypedResults.Json(new Health("unavailable", 0, []), ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
