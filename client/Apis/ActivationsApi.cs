using System.Globalization;
using System.Security.Claims;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Orleans;

namespace Lens.Client.Apis;

/// <summary>
/// <c>GET /api/activations/{conversation}/{position}?include_context&amp;context_size&amp;layers&amp;top_k</c>: the logit
/// lens over the clicked token and the positions before it, and the clicked token's attention row.
/// </summary>
public static class ActivationsApi
{
    /// <summary>The clicked position's lens (grids are [position][layer]) and attention.</summary>
    public sealed record Activations(Guid ConversationId, int Position, TokenView[] Tokens, int[] Layers, Cell[][] Cells,
        float[][] Entropy, int[][] NextRank, float?[][] NextProb, AttentionLayer[] Attention);

    /// <summary>One lens cell: the top token and the top-k with trajectories over the shown layers.</summary>
    public sealed record Cell(string Token, int Id, float Prob, LensCandidate[] Topk);

    public static RouteGroupBuilder MapActivationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/activations/{conversation}/{position}", Get).WithName("Activations");
        return api;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, IGrainFactory grains, string conversation, string position, HttpRequest request)
    {
        var id = RouteIds.Conversation(conversation);
        var query = request.Query;
        var at = ParseInt(position, "position");
        var includeContext = query["include_context"].ToString() is { Length: > 0 } include
            ? bool.TryParse(include, out var b) ? b : throw ApiProblem.Invalid("include_context", $"include_context must be true or false, got '{include}'")
            : true;
        var contextSize = includeContext ? OptionalInt(query["context_size"], "context_size", ActivationQuery.DefaultContextSize) : 0;
        var topK = OptionalInt(query["top_k"], "top_k", 5);
        int[]? layers = query["layers"].ToString() is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.TrimEntries).Select(x => ParseInt(x, "layers")).ToArray()
            : null;
        var view = await grains.GetGrain<IConversationGrain>(id).Inspect(user.Id(), new ActivationQuery(at, contextSize, layers, topK));
        var lens = view.Lens;
        return ApiJson.Ok(new Activations(view.ConversationId, view.Position, view.Tokens, lens.Layers,
            lens.Cells.Select(row => row.Select(c => new Cell(c.Token, c.Id, c.Prob, c.TopK)).ToArray()).ToArray(),
            lens.Entropy, lens.NextRank, lens.NextProb, lens.Attention));
    }

    private static int OptionalInt(Microsoft.Extensions.Primitives.StringValues value, string field, int fallback) =>
        value.ToString() is { Length: > 0 } text ? ParseInt(text, field) : fallback;

    private static int ParseInt(string text, string field) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw ApiProblem.Invalid(field, $"{field}: '{text}' is not an integer");
}
