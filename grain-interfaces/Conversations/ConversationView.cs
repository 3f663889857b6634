namespace Lens.GrainInterfaces.Conversations;

/// <summary>A whole conversation: messages with their token spans [start, end) and every token.</summary>
[GenerateSerializer, Immutable]
public sealed record ConversationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Model,
    [property: Id(3)] DateTimeOffset Created,
    [property: Id(4)] MessageView[] Messages,
    [property: Id(5)] TokenView[] Tokens);

/// <summary>One message and the positions [start, end) of its tokens.</summary>
[GenerateSerializer, Immutable]
public sealed record MessageView(
    [property: Id(0)] string Role,
    [property: Id(1)] string Content,
    [property: Id(2)] int Start,
    [property: Id(3)] int End);

/// <summary>One token of a conversation at its global position, and the role of the message it belongs to.</summary>
[GenerateSerializer, Immutable]
public sealed record TokenView(
    [property: Id(0)] int Position,
    [property: Id(1)] int Id,
    [property: Id(2)] string Text,
    [property: Id(3)] string Role);
