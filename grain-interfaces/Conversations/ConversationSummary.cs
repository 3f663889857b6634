namespace Lens.GrainInterfaces.Conversations;

/// <summary>A conversation as listed: who owns it, its model, and how long it is.</summary>
[GenerateSerializer, Immutable]
public sealed record ConversationSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Model,
    [property: Id(3)] DateTimeOffset Created,
    [property: Id(4)] int Turns,
    [property: Id(5)] int Tokens);
