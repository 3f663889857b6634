using Lens.Grains.Research.Running;

namespace Lens.Grains.Research.Events;

/// <summary>The checkpoint: batch <see cref="Batch"/> is done, with its outcome, after <see cref="Seconds"/> of computing on <see cref="Silo"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchBatchCompleted(
    Guid EventId, DateTimeOffset At, [property: Id(0)] int Batch, [property: Id(1)] ResearchBatchOutcome Outcome,
    [property: Id(2)] double Seconds, [property: Id(3)] string Silo) : ResearchRunEvent(EventId, At);
