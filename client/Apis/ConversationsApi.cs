using System.Security.Claims;
using Lens.GrainInterfaces.Conversations;
using Orleans;

namespace Lens.Client.Apis;

/// <summary><c>/api/conversations</c>: list own, start, read one, delete.</summary>
public static class ConversationsApi
{
    /// <summary>Body of <c>POST /api/conversations</c>.</summary>
    public sealed record StartBody(string? Model, string? Title);

    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations", List).WithName("ListConversations");
        api.MapPost("/conversations", Start).WithName("StartConversation");
        api.MapGet("/conversations/{id}", Get).WithName("GetConversation");
        api.MapDelete("/conversations/{id}", Delete).WithName("DeleteConversation");
        return api;
    }

    private static async Task<IResult> List(ClaimsPrincipal user, IGrainFactory grains) =>
        ApiJson.Ok(await grains.GetGrain<IConversationListGrain>(user.Id()).List());

    private static async Task<IResult> Start(ClaimsPrincipal user, IGrainFactory grains, HttpRequest request)
    {
        var body = await ApiBody.Read<StartBody>(request);
        if (string.IsNullOrWhiteSpace(body.Model)) throw ApiProblem.Invalid("model", "model is required (see GET /api/model_info)");
        var id = Guid.NewGuid();
        var summary = await grains.GetGrain<IConversationGrain>(id).Start(user.Id(), body.Model, body.Title);
        return TypedResults.Json(summary, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, IGrainFactory grains, string id) =>
        ApiJson.Ok(await grains.GetGrain<IConversationGrain>(RouteIds.Conversation(id)).Get(user.Id()));

    private static async Task<IResult> Delete(ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        await grains.GetGrain<IConversationGrain>(RouteIds.Conversation(id)).Delete(user.Id());
        return TypedResults.NoContent();
    }
}
