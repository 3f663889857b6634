using Lens.GrainInterfaces.Models;

namespace Lens.GrainInterfaces.Conversations;

/// <summary>
/// A conversation with one model, owned by the user who started it (every call names the caller; another user is
/// refused). Messages and token ids are event-sourced; token positions are global across turns.
/// </summary>
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Starts the conversation (once): its owner, model and title.</summary>
    Task<ConversationSummary> Start(string user, string model, string? title);

    /// <summary>Messages with their token spans and every token.</summary>
    Task<ConversationView> Get(string user);

    /// <summary>
    /// Adds a user message and streams the model's answer: one <see cref="ChatUpdate"/> per generated token, then one
    /// carrying the whole turn once it is recorded. While the turn waits (model loading, queue, storage) the stream
    /// carries keep-alives, updates with neither token nor turn, at least every second: a reader that hears nothing for
    /// a few seconds may take the serving silo as lost. A request whose <see cref="ChatTurnRequest.TurnId"/> is already
    /// recorded gets only the recorded turn.
    /// </summary>
    IAsyncEnumerable<ChatUpdate> Chat(string user, ChatTurnRequest request);

    /// <summary>The logit lens and attention at a position (see <see cref="ActivationQuery"/>).</summary>
    Task<ActivationView> Inspect(string user, ActivationQuery query);

    /// <summary>Evicts the conversation's cached activations from memory.</summary>
    Task EvictCache(string user);

    /// <summary>Deletes the conversation and its cached activations; later calls answer "not found".</summary>
    Task Delete(string user);
}
