using Lens.GrainInterfaces.Conversations;
using Lens.Storage.EventSourcing;

namespace Lens.Grains.Conversations;

/// <summary><see cref="IConversationListGrain"/>, event-sourced; keyed by user id.</summary>
public sealed class ConversationListGrain : JournaledLensGrain<ConversationListState, ConversationListEvent>, IConversationListGrain
{
    protected override void TransitionState(ConversationListState state, ConversationListEvent @event) => state.Apply(@event);

    public async Task Upsert(ConversationSummary summary)
    {
        if (State.Conversations.TryGetValue(summary.Id, out var known) && known == summary) return;
        RaiseEvent(new ConversationListed(Guid.NewGuid(), summary));
        await ConfirmEvents();
    }

    public async Task Remove(Guid conversationId)
    {
        if (!State.Conversations.ContainsKey(conversationId)) return;
        RaiseEvent(new ConversationUnlisted(Guid.NewGuid(), conversationId));
        await ConfirmEvents();
    }

    public Task<ConversationSummary[]> List() =>
        Task.FromResult(State.Conversations.Values.OrderByDescending(c => c.Created).ThenBy(c => c.Id).ToArray());
}
