namespace Lens.Runtime;

/// <summary>Details of a reminder tick.</summary>
/// <param name="FirstTickTime">The reminder's start time.</param>
/// <param name="Period">Its period.</param>
/// <param name="CurrentTickTime">When this tick was due.</param>
/// <param name="FiringSiloId">The silo whose reminder service fired it.</param>
public sealed record TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime, string FiringSiloId);
