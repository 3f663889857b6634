namespace Lens.GrainInterfaces.Models;

/// <summary>How busy one model is on one silo: requests waiting, streams decoding, recent decode rate and batched steps run.</summary>
/// <param name="BatchedSteps">Forward steps that advanced more than one stream at once, since the silo started.</param>
[GenerateSerializer, Immutable]
public sealed record ModelLoad(
    [property: Id(0)] string Name,
    [property: Id(1)] int QueueDepth,
    [property: Id(2)] int ActiveStreams,
    [property: Id(3)] double TokensPerSecond,
    [property: Id(4)] long Steps,
    [property: Id(5)] long BatchedSteps,
    [property: Id(6)] int LargestBatch);
