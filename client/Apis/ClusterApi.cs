using Lens.Runtime;
using Lens.Runtime.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Client.Apis;

/// <summary>Routes about the cluster itself: <c>/api/cluster</c>.</summary>
public static class ClusterApi
{
    /// <summary>Maps the cluster routes.</summary>
    public static RouteGroupBuilder MapClusterApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/cluster");
        api.MapGet("/silos", GetSilos);
        api.MapGet("/ping", Ping);
        return api;
    }

    private static async Task<Ok<List<SiloRow>>> GetSilos(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IManagementGrain>(0).GetSilos());

    private static async Task<Results<Ok<string>, ProblemHttpResult>> Ping(IGrainFactory grains, string? text)
    {
        try
        {
            return TypedResults.Ok(await grains.GetGrain<IManagementGrain>(0).Ping(text ?? "ping"));
        }
        catch (GrainCallException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: ex.Kind.ToString());
        }
    }
}
