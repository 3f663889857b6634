namespace Lens.GrainInterfaces.Research;

/// <summary>A capture run's results: steps and store bytes over the prompts done, and each prompt's capture.</summary>
[GenerateSerializer, Immutable]
public sealed record CaptureSummary([property: Id(0)] int Steps, [property: Id(1)] long StoreBytes, [property: Id(2)] IReadOnlyList<CaptureOutcome> PerPrompt);
