namespace Lens.Grains.Research.Events;

/// <summary>Every batch is done.</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchRunCompleted(Guid EventId, DateTimeOffset At) : ResearchRunEvent(EventId, At);
