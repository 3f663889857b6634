using Lens.GrainInterfaces.Conversations;
using Lens.Storage.Journals;

namespace Lens.Grains.Conversations;

/// <summary>A change to a user's list of conversations.</summary>
[GenerateSerializer]
public abstract record ConversationListEvent([property: Id(0)] Guid EventId) : IJournalEvent;

/// <summary>A conversation was started or grew.</summary>
[GenerateSerializer]
public sealed record ConversationListed(Guid EventId, [property: Id(1)] ConversationSummary Summary) : ConversationListEvent(EventId);

/// <summary>A conversation was deleted.</summary>
[GenerateSerializer]
public sealed record ConversationUnlisted(Guid EventId, [property: Id(1)] Guid ConversationId) : ConversationListEvent(EventId);
