using Lens.GrainInterfaces.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Client.Apis;

/// <summary>
/// Routes about the cluster itself (signed in): <c>GET /api/cluster/silos</c>, and the storage probes
/// <c>/api/cluster/probes/{key}</c> that show where a grain lives and that stored values survive.
/// </summary>
public static class ClusterApi
{
    /// <summary>Maps the cluster routes.</summary>
    public static RouteGroupBuilder MapClusterApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/cluster").RequireAuthorization();
        api.MapGet("/silos", GetSilos);
        api.MapPost("/probes/{key}", RecordProbe);
        api.MapGet("/probes/{key}", ReadProbe);
        return api;
    }

    private static async Task<Ok<SilosResponse>> GetSilos(IGrainFactory grains) =>
        TypedResults.Ok(new SilosResponse(await grains.GetGrain<IClusterViewGrain>(0).GetSilos()));

    private static async Task<Results<Ok<ProbeReceipt>, ProblemHttpResult>> RecordProbe(string key, ProbeValue body, IGrainFactory grains)
    {
        if (ProbeKeyProblem(key) is { } problem) return problem;
        if (body.Value is not { } value)
            return TypedResults.Problem("The field 'value' is required: the number to store.", statusCode: 400, title: "Invalid request");
        return TypedResults.Ok(await grains.GetGrain<IProbeGrain>(key).Record(value));
    }

    private static async Task<Results<Ok<ProbeRecord>, ProblemHttpResult>> ReadProbe(string key, IGrainFactory grains) =>
        ProbeKeyProblem(key) is { } problem ? problem : TypedResults.Ok(await grains.GetGrain<IProbeGrain>(key).Read());

    private static ProblemHttpResult? ProbeKeyProblem(string key) => key.Length is 0 or > 100
        ? TypedResults.Problem($"The probe key must be 1–100 characters; it has {key.Length}.", statusCode: 400, title: "Invalid request")
        : null;
}
