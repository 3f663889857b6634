namespace Lens.Runtime;

/// <summary>A durable reminder of a grain.</summary>
/// <param name="Name">Unique per grain.</param>
/// <param name="StartAt">First due time (UTC).</param>
/// <param name="Period">Interval between ticks.</param>
public sealed record GrainReminder(string Name, DateTimeOffset StartAt, TimeSpan Period);
