namespace Lens.Grains.Research.Events;

/// <summary>The owner stopped the run.</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchRunCancelled(Guid EventId, DateTimeOffset At) : ResearchRunEvent(EventId, At);
