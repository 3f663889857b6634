using Lens.Storage.Journals;

namespace Lens.Grains.Research.Events;

/// <summary>Something that happened to a research run; the run's state is these events applied in order.</summary>
[GenerateSerializer, Immutable]
public abstract record ResearchRunEvent([property: Id(0)] Guid EventId, [property: Id(1)] DateTimeOffset At) : IJournalEvent;
