namespace Lens.GrainInterfaces.Research;

/// <summary>One prompt of a kl run: KL(baseline ‖ model) of its first generated token, in nats.</summary>
[GenerateSerializer, Immutable]
public sealed record KlOutcome([property: Id(0)] int Index, [property: Id(1)] string Prompt, [property: Id(2)] double Kl);
