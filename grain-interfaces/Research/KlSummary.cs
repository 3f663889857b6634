namespace Lens.GrainInterfaces.Research;

/// <summary>A kl run's results: mean and median KL over the prompts done, and each prompt's.</summary>
[GenerateSerializer, Immutable]
public sealed record KlSummary([property: Id(0)] double Mean, [property: Id(1)] double Median, [property: Id(2)] IReadOnlyList<KlOutcome> PerPrompt);
