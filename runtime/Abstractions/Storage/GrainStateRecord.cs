namespace Lens.Runtime.Storage;

/// <summary>A stored grain state.</summary>
/// <param name="Data">The serialized state, or null when nothing is stored.</param>
/// <param name="ETag">The concurrency token, or null when nothing is stored.</param>
public sealed record GrainStateRecord(byte[]? Data, string? ETag);
