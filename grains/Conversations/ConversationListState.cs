using Lens.GrainInterfaces.Conversations;

namespace Lens.Grains.Conversations;

/// <summary>A user's conversations by id.</summary>
[GenerateSerializer]
public sealed class ConversationListState
{
    [Id(0)] public Dictionary<Guid, ConversationSummary> Conversations { get; set; } = [];

    public void Apply(ConversationListEvent e)
    {
        switch (e)
        {
            case ConversationListed listed: Conversations[listed.Summary.Id] = listed.Summary; break;
            case ConversationUnlisted gone: Conversations.Remove(gone.ConversationId); break;
        }
    }
}
