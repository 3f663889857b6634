using Lens.GrainInterfaces.Models;

namespace Lens.GrainInterfaces.Conversations;

/// <summary>A user message and how to sample the answer.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatTurnRequest([property: Id(0)] string Message, [property: Id(1)] SamplingOptions Sampling);
