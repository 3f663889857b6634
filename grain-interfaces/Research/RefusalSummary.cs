namespace Lens.GrainInterfaces.Research;

/// <summary>A refusal run's results: the rate over the prompts done, and each prompt's response.</summary>
[GenerateSerializer, Immutable]
public sealed record RefusalSummary([property: Id(0)] double Rate, [property: Id(1)] int Refusals, [property: Id(2)] IReadOnlyList<RefusalVerdict> PerPrompt);
