namespace Lens.GrainInterfaces.Conversations;

/// <summary>A user's conversations (keyed by user id), kept up to date by the conversations themselves.</summary>
public interface IConversationListGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a conversation's summary.</summary>
    Task Upsert(ConversationSummary summary);

    /// <summary>Drops a deleted conversation.</summary>
    Task Remove(Guid conversationId);

    /// <summary>The user's conversations, newest first.</summary>
    Task<ConversationSummary[]> List();
}
