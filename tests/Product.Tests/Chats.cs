using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Product.Tests;

/// <summary>Drives conversations the way the API does.</summary>
public static class Chats
{
    public static async Task<IConversationGrain> Start(IGrainFactory grains, string user, string? title = null)
    {
        var conversation = grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await conversation.Start(user, ProductCluster.Model, title);
        return conversation;
    }

    /// <summary>One turn, drained: the streamed tokens and the recorded result.</summary>
    public static async Task<(List<GeneratedToken> Streamed, ChatTurnResult Done)> Turn(IConversationGrain conversation, string user, string message,
        int maxNewTokens = 24, float temperature = 0)
    {
        var streamed = new List<GeneratedToken>();
        ChatTurnResult? done = null;
        await foreach (var update in conversation.Chat(user, new ChatTurnRequest(message, new SamplingOptions(maxNewTokens, temperature, Seed: 7))))
        {
            if (update.Token is { } t) streamed.Add(t);
            if (update.Done is { } d) done = d;
        }
        return (streamed, done ?? throw new InvalidOperationException("the chat stream ended without its done item"));
    }
}
