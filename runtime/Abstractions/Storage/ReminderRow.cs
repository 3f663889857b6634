namespace Lens.Runtime.Storage;

/// <summary>A durable reminder.</summary>
/// <param name="GrainId">The grain's id string, e.g. <c>conversation/abc</c>.</param>
/// <param name="GrainHash">Stable hash of <paramref name="GrainId"/> (the runtime computes it; stores index it).</param>
/// <param name="Name">Unique per grain.</param>
/// <param name="StartAt">First due time (UTC).</param>
/// <param name="Period">Interval between ticks after the first.</param>
/// <param name="ETag">Opaque concurrency token; ignored on upsert, filled on read.</param>
public sealed record ReminderRow(string GrainId, uint GrainHash, string Name, DateTimeOffset StartAt, TimeSpan Period, string? ETag);
