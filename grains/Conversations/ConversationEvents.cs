using Lens.Storage.Journals;

namespace Lens.Grains.Conversations;

/// <summary>What happens to a conversation; its journal is the conversation.</summary>
[GenerateSerializer]
public abstract record ConversationEvent([property: Id(0)] Guid EventId) : IJournalEvent;

/// <summary>The conversation began: its owner, model, title and time.</summary>
[GenerateSerializer]
public sealed record ConversationStarted(Guid EventId,
    [property: Id(1)] string Owner, [property: Id(2)] string Model, [property: Id(3)] string Title, [property: Id(4)] DateTimeOffset Created)
    : ConversationEvent(EventId);

/// <summary>A whole turn: the user's message and the answer, each with its token ids and their text.</summary>
[GenerateSerializer]
public sealed record TurnRecorded(Guid EventId,
    [property: Id(1)] string Message, [property: Id(2)] int[] PromptIds, [property: Id(3)] string[] PromptTexts,
    [property: Id(4)] string Response, [property: Id(5)] int[] ResponseIds, [property: Id(6)] string[] ResponseTexts,
    [property: Id(7)] string FinishReason)
    : ConversationEvent(EventId);

/// <summary>The owner deleted the conversation.</summary>
[GenerateSerializer]
public sealed record ConversationDeleted(Guid EventId) : ConversationEvent(EventId);
