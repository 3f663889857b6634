namespace Lens.Client.Apis;

/// <summary>Ids taken from route segments: a malformed id is an unknown one (404 naming it).</summary>
public static class RouteIds
{
    public static Guid Conversation(string text) =>
        Guid.TryParse(text, out var id) ? id : throw new ApiProblem(StatusCodes.Status404NotFound, $"conversation '{text}' not found", "conversation_id");
}
