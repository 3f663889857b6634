namespace Lens.GrainInterfaces.Models;

/// <summary>How the next token is picked: temperature 0 is greedy; otherwise top-k, then top-p, then a seeded draw.</summary>
[GenerateSerializer, Immutable]
public sealed record SamplingOptions(
    [property: Id(0)] int MaxNewTokens = 64,
    [property: Id(1)] float Temperature = 0,
    [property: Id(2)] int TopK = 0,
    [property: Id(3)] float TopP = 1,
    [property: Id(4)] ulong Seed = 0);
