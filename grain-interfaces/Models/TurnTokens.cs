namespace Lens.GrainInterfaces.Models;

/// <summary>The token ids a user message adds to a conversation, and how each reads.</summary>
[GenerateSerializer, Immutable]
public sealed record TurnTokens([property: Id(0)] int[] Ids, [property: Id(1)] string[] Texts);
