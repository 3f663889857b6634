namespace Lens.GrainInterfaces.Research;

/// <summary>One prompt of a refusal run: the greedy response and whether it counted as a refusal.</summary>
[GenerateSerializer, Immutable]
public sealed record RefusalVerdict([property: Id(0)] int Index, [property: Id(1)] string Prompt, [property: Id(2)] string Response, [property: Id(3)] bool Refused);
