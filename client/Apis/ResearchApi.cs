using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Lens.GrainInterfaces.Research;
using Orleans;

namespace Lens.Client.Apis;

/// <summary>
/// Research runs, <c>/api/research/runs</c>: start one, list yours, follow it (its state, SSE progress), cancel it,
/// read its results and download its export. Every route needs a signed-in user; a run belongs to the user who started
/// it, and anyone else gets 403. Requests are rate limited per user and failures are problem+json, like the product
/// routes'.
/// </summary>
public static class ResearchApi
{
    /// <summary>How often the progress stream looks at the run.</summary>
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>The fields a grain's refusal can name (its message starts with one).</summary>
    private static readonly string[] Fields = ["kind", "model", "baseline_model", "dataset", "settings."];

    /// <summary>Registers what the research routes give other routes: the dashboard's list of a user's runs.</summary>
    public static IServiceCollection AddResearchApi(this IServiceCollection services) =>
        services.AddSingleton<IDashboardRunSource, DashboardRuns>();

    /// <summary>Maps the research routes.</summary>
    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/research/runs")
            .RequireAuthorization()
            .AddEndpointFilter(ProblemMapping.Filter)
            .AddEndpointFilter(UserRateLimit.Of(routes).Filter) // the same bucket per user as the product routes
            .AddEndpointFilter(RunProblems);
        api.MapPost("/", StartRun).WithName("StartResearchRun");
        api.MapGet("/", ListRuns).WithName("ListResearchRuns");
        api.MapGet("/{id}", GetRun).WithName("GetResearchRun");
        api.MapGet("/{id}/events", FollowRun).WithName("FollowResearchRun");
        api.MapPost("/{id}/cancel", CancelRun).WithName("CancelResearchRun");
        api.MapGet("/{id}/results", GetResults).WithName("GetResearchResults");
        api.MapGet("/{id}/export", ExportRun).WithName("ExportResearchRun");
        return routes;
    }

    /// <summary>Starts a run under a fresh id: 201 with the run, or 400 naming the field at fault.</summary>
    private static async Task<IResult> StartRun(ClaimsPrincipal user, IGrainFactory grains, HttpRequest request)
    {
        var spec = await ApiBody.Read<ResearchRunSpec>(request);
        var id = Guid.NewGuid().ToString("N");
        var run = await grains.GetGrain<IResearchRunGrain>(id).Start(user.Id(), spec);
        request.HttpContext.Response.Headers.Location = $"/api/research/runs/{id}";
        return TypedResults.Json(run, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The user's runs, newest first.</summary>
    private static async Task<IResult> ListRuns(ClaimsPrincipal user, IGrainFactory grains) => ApiJson.Ok(await Runs(grains, user.Id()));

    /// <summary>The run; once it has stopped, with its results.</summary>
    private static async Task<IResult> GetRun(ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        var run = await Own(grains, id, user);
        return ApiJson.Ok(run.IsFinished ? run with { Results = await grains.GetGrain<IResearchRunGrain>(id).Results() } : run);
    }

    /// <summary>
    /// Server-sent events: <c>progress</c> with the run now and whenever its progress or status changes, then
    /// <c>done</c> with the stopped run and its results. A run whose silo is down for a moment is waited for.
    /// </summary>
    private static async Task<IResult> FollowRun(ClaimsPrincipal user, IGrainFactory grains, string id, HttpContext http)
    {
        var run = await Own(grains, id, user);
        return TypedResults.ServerSentEvents(Progress(grains.GetGrain<IResearchRunGrain>(id), run, http.RequestAborted));
    }

    private static async Task<IResult> CancelRun(ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        await Own(grains, id, user);
        return ApiJson.Ok(await grains.GetGrain<IResearchRunGrain>(id).Cancel());
    }

    /// <summary>mmlu: per subject and overall; kl: mean, median, per prompt; refusal: rate and per prompt; capture: per prompt.</summary>
    private static async Task<IResult> GetResults(ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        await Own(grains, id, user);
        return ApiJson.Ok(await grains.GetGrain<IResearchRunGrain>(id).Results());
    }

    /// <summary>The run's zip (run.json, results.json, results.csv, and the Zarr stores of a capture), streamed as the grain sends it.</summary>
    private static async Task<IResult> ExportRun(ClaimsPrincipal user, IGrainFactory grains, string id, HttpContext http)
    {
        await Own(grains, id, user);
        // The first piece is fetched before answering, so a failing export is still a problem response, not a cut-off zip.
        var pieces = grains.GetGrain<IResearchRunGrain>(id).Export().GetAsyncEnumerator(http.RequestAborted);
        var more = await pieces.MoveNextAsync();
        return TypedResults.Stream(async body =>
        {
            await using (pieces)
            {
                for (; more; more = await pieces.MoveNextAsync()) await body.WriteAsync(pieces.Current, http.RequestAborted);
            }
        }, "application/zip", $"research-{id}.zip");
    }

    private static async IAsyncEnumerable<SseItem<string>> Progress(IResearchRunGrain grain, ResearchRunInfo run, [EnumeratorCancellation] CancellationToken aborted)
    {
        yield return Event("progress", run);
        while (!run.IsFinished)
        {
            await Task.Delay(ProgressPoll, aborted);
            ResearchRunInfo? now;
            try
            {
                now = await grain.Info();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue; // its silo just died: the run comes back on another
            }
            if (now is null || (now.Done, now.Status, now.BatchesDone) == (run.Done, run.Status, run.BatchesDone)) continue;
            run = now;
            if (!run.IsFinished) yield return Event("progress", run);
        }
        yield return Event("done", run with { Results = await grain.Results() });
    }

    private static SseItem<string> Event(string type, ResearchRunInfo run) => new(JsonSerializer.Serialize(run, ApiJson.Options), type);

    private static async Task<ResearchRunInfo[]> Runs(IGrainFactory grains, string owner)
    {
        var ids = await grains.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.OwnerKey(owner)).RunIds();
        var runs = await Task.WhenAll(ids.Reverse().Select(id => grains.GetGrain<IResearchRunGrain>(id).Info()));
        return runs.OfType<ResearchRunInfo>().ToArray();
    }

    // The run if it exists and belongs to the user; otherwise the 404 or 403.
    private static async Task<ResearchRunInfo> Own(IGrainFactory grains, string id, ClaimsPrincipal user)
    {
        var run = await grains.GetGrain<IResearchRunGrain>(id).Info()
            ?? throw new ApiProblem(StatusCodes.Status404NotFound, $"no research run has the id '{id}'", "id");
        return run.Owner == user.Id() ? run : throw new ApiProblem(StatusCodes.Status403Forbidden, $"research run '{id}' belongs to another user", "id");
    }

    // The research grains refuse with the standard exceptions; the message starts with the field when there is one.
    private static async ValueTask<object?> RunProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ArgumentException e)
        {
            throw ApiProblem.Invalid(Fields.FirstOrDefault(f => e.Message.StartsWith(f, StringComparison.Ordinal)) is { } field
                ? field == "settings." ? e.Message.Split(' ')[0] : field
                : "body", e.Message);
        }
        catch (KeyNotFoundException e)
        {
            throw new ApiProblem(StatusCodes.Status404NotFound, e.Message, "id");
        }
    }

    /// <summary>The dashboard's runs of a user: their research runs, newest first.</summary>
    private sealed class DashboardRuns(IGrainFactory grains) : IDashboardRunSource
    {
        public async Task<IReadOnlyList<DashboardRun>> Runs(string user) =>
            (await ResearchApi.Runs(grains, user))
                .Select(r => new DashboardRun(r.Id, JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Kind.ToString()), JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Status.ToString()), r.Done, r.Total))
                .ToArray();
    }
}
