namespace Lens.GrainInterfaces.Models;

/// <summary>A served model's shape, as <c>/api/model_info</c> shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelDescription(
    [property: Id(0)] string Name,
    [property: Id(1)] string Family,
    [property: Id(2)] int Layers,
    [property: Id(3)] int Hidden,
    [property: Id(4)] int Heads,
    [property: Id(5)] int KvHeads,
    [property: Id(6)] int Vocab,
    [property: Id(7)] int ContextLength,
    [property: Id(8)] bool Loaded);
