using System.Security.Claims;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Orleans;

namespace Lens.Client.Apis;

/// <summary><c>DELETE /api/cache/{conversation}</c> (evict its activations) and <c>GET /api/cache/status</c> (all silos added up).</summary>
public static class CacheApi
{
    public static RouteGroupBuilder MapCacheApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cache/status", Status).WithName("CacheStatus");
        api.MapDelete("/cache/{conversation}", Evict).WithName("EvictCache");
        return api;
    }

    private static async Task<IResult> Status(IGrainFactory grains) =>
        ApiJson.Ok((await grains.GetGrain<IModelDirectoryGrain>(0).Read()).Cache());

    private static async Task<IResult> Evict(ClaimsPrincipal user, IGrainFactory grains, string conversation)
    {
        await grains.GetGrain<IConversationGrain>(RouteIds.Conversation(conversation)).EvictCache(user.Id());
        return TypedResults.NoContent();
    }
}
