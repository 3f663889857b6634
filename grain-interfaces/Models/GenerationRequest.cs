namespace Lens.GrainInterfaces.Models;

/// <summary>One generation: the whole conversation so far (new prompt included) and how to sample its continuation.</summary>
/// <param name="User">Who asks: the fair queue takes users in turn.</param>
/// <param name="ConversationId">Where the residual stream of each position is cached.</param>
/// <param name="Ids">Every token of the conversation, from position 0.</param>
[GenerateSerializer, Immutable]
public sealed record GenerationRequest(
    [property: Id(0)] string User,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] int[] Ids,
    [property: Id(3)] SamplingOptions Sampling);
