namespace Lens.Grains.Research.Events;

/// <summary>The run cannot go on, for the reason given.</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchRunFailed(Guid EventId, DateTimeOffset At, [property: Id(0)] string Error) : ResearchRunEvent(EventId, At);
