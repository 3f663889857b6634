namespace Lens.GrainInterfaces.Research;

/// <summary>One prompt of a capture run: what was generated and the Zarr store holding its attention.</summary>
/// <param name="Store">The store's path inside the run's export (<c>capture/00000.zarr</c>).</param>
[GenerateSerializer, Immutable]
public sealed record CaptureOutcome(
    [property: Id(0)] int Index, [property: Id(1)] string Prompt, [property: Id(2)] int Steps, [property: Id(3)] IReadOnlyList<int> Tokens,
    [property: Id(4)] string Text, [property: Id(5)] long StoreBytes, [property: Id(6)] string Store);
