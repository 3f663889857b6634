namespace Lens.GrainInterfaces.Models;

/// <summary>A silo's activation cache (or the sum over silos): memory use and bound, entries, hits and misses, bytes on disk.</summary>
[GenerateSerializer, Immutable]
public sealed record CacheStatus(
    [property: Id(0)] long MemoryBytes,
    [property: Id(1)] long MemoryLimitBytes,
    [property: Id(2)] int Entries,
    [property: Id(3)] long Hits,
    [property: Id(4)] long Misses,
    [property: Id(5)] long DiskBytes)
{
    /// <summary>Hits over lookups; 0 before the first lookup.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    /// <summary>No cache at all.</summary>
    public static CacheStatus Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Both caches together.</summary>
    public CacheStatus Plus(CacheStatus other) => new(
        MemoryBytes + other.MemoryBytes, MemoryLimitBytes + other.MemoryLimitBytes, Entries + other.Entries,
        Hits + other.Hits, Misses + other.Misses, DiskBytes + other.DiskBytes);
}
