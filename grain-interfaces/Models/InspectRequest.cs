namespace Lens.GrainInterfaces.Models;

/// <summary>A click on a token: the lens over it and up to <see cref="ContextSize"/> positions before it, and its attention row.</summary>
/// <param name="Ids">The conversation's tokens from position 0 (at least up to <see cref="Position"/>).</param>
/// <param name="Layers">Layers to show, in order; null = all.</param>
/// <param name="TopK">Tokens kept per cell.</param>
[GenerateSerializer, Immutable]
public sealed record InspectRequest(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] int[] Ids,
    [property: Id(2)] int Position,
    [property: Id(3)] int ContextSize,
    [property: Id(4)] int[]? Layers,
    [property: Id(5)] int TopK);
