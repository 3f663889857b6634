namespace Lens.Runtime.Storage;

/// <summary>A stored snapshot: the state folded from the first <paramref name="Version"/> events.</summary>
/// <param name="Version">How many events the state covers.</param>
/// <param name="State">The serialized state.</param>
/// <param name="ETag">Opaque concurrency token for the next <see cref="IJournalStore.WriteSnapshotAsync"/>.</param>
public sealed record JournalSnapshot(long Version, byte[] State, string ETag);
