namespace Lens.GrainInterfaces.Models;

/// <summary>A generated token at its global position; the last one of a generation carries why it ended.</summary>
/// <param name="FinishReason">null until the last token: then <c>length</c>, <c>stop_token</c> or <c>context_length</c>.</param>
[GenerateSerializer, Immutable]
public sealed record GeneratedToken(
    [property: Id(0)] int Position,
    [property: Id(1)] int Id,
    [property: Id(2)] string Text,
    [property: Id(3)] string? FinishReason = null);
