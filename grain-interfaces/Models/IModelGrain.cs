namespace Lens.GrainInterfaces.Models;

/// <summary>
/// A model served on the silos that hold its weights, keyed by <see cref="ModelGrainKey"/> (the model name and a
/// replica number, so requests for one model spread over several activations and silos). The weights, the fair
/// queue and the activation cache belong to the silo; an activation is a thin door to them.
/// </summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>The model's shape and the silo this activation runs on; loads the model when it is not loaded yet.</summary>
    Task<ModelDescription> Describe();

    /// <summary>Token ids (and their text) that add one user message to a conversation, through the chat template when the model has one.</summary>
    /// <param name="history">Earlier messages of the conversation, oldest first.</param>
    /// <param name="message">The new user message.</param>
    Task<TurnTokens> RenderTurn(IReadOnlyList<ChatLine> history, string message);

    /// <summary>The text of <paramref name="ids"/> (special tokens skipped), as the answer reads.</summary>
    Task<string> Decode(int[] ids);

    /// <summary>
    /// Continues <see cref="GenerationRequest.Ids"/> token by token, batched with the other streams of this silo.
    /// Every position's residual stream is cached under the conversation as it is computed.
    /// </summary>
    /// <exception cref="ModelBusyException">The model's queue is full: retry after the time it names.</exception>
    IAsyncEnumerable<GeneratedToken> Generate(GenerationRequest request);

    /// <summary>Logit lens and attention of one clicked position, from the cached residual stream (recomputed when absent).</summary>
    Task<LensInspection> Inspect(InspectRequest request);

    /// <summary>Drops a conversation's cached activations from memory (its file stays, so a later read is a disk hit).</summary>
    Task Evict(Guid conversationId);

    /// <summary>Deletes a conversation's cached activations from memory and disk.</summary>
    Task Forget(Guid conversationId);
}
