namespace Lens.Client.Apis;

/// <summary>The product's HTTP API: health, models, conversations, chat, activations, cache and dashboard routes.</summary>
public static class ProductApis
{
    /// <summary>
    /// Maps every product route. <c>/api/health</c> is open; the rest require a signed-in user, are rate limited per
    /// user, and answer failures as problem+json.
    /// </summary>
    public static IEndpointRouteBuilder MapLensProductApis(this IEndpointRouteBuilder routes)
    {
        var limit = UserRateLimit.Of(routes); // the research routes spend from the same buckets
        routes.MapGroup("/api").AddEndpointFilter(ProblemMapping.Filter).MapHealthApi();
        var api = routes.MapGroup("/api")
            .RequireAuthorization()
            .AddEndpointFilter(ProblemMapping.Filter)
            .AddEndpointFilter(limit.Filter);
        api.MapModelsApi();
        api.MapConversationsApi();
        api.MapChatApi();
        api.MapActivationsApi();
        api.MapCacheApi();
        api.MapDashboardApi();
        return routes;
    }
}
