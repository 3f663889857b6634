using Lens.Grains.Research.Running;

namespace Lens.Grains.Research.Events;

/// <summary>The run was accepted with this plan (its settings pinned).</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchRunStarted(Guid EventId, DateTimeOffset At, [property: Id(0)] ResearchPlan Plan) : ResearchRunEvent(EventId, At);
