namespace Lens.GrainInterfaces.Conversations;

/// <summary>A recorded turn: the answer, why it ended, the turn's tokens and the spans [start, end) of prompt and response.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatTurnResult(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] string Response,
    [property: Id(2)] string FinishReason,
    [property: Id(3)] TokenView[] Tokens,
    [property: Id(4)] int PromptStart,
    [property: Id(5)] int PromptEnd,
    [property: Id(6)] int ResponseStart,
    [property: Id(7)] int ResponseEnd);
