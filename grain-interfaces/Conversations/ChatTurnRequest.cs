using Lens.GrainInterfaces.Models;

namespace Lens.GrainInterfaces.Conversations;

/// <summary>A user message and how to sample the answer.</summary>
/// <param name="TurnId">
/// Names the turn so that sending it again is safe: a turn already recorded under this id is answered from the record,
/// not generated again (a client retrying after a lost answer cannot add the turn twice). Null: a fresh id.
/// </param>
[GenerateSerializer, Immutable]
public sealed record ChatTurnRequest([property: Id(0)] string Message, [property: Id(1)] SamplingOptions Sampling, [property: Id(2)] Guid? TurnId = null);
