namespace Lens.Runtime.Storage;

/// <summary>The membership table's version: a counter plus the ETag of the row that stores it.</summary>
/// <param name="Version">Monotonic counter; every status change increments it by one.</param>
/// <param name="ETag">Opaque; empty when the table has no version row yet.</param>
public sealed record TableVersion(long Version, string ETag)
{
    /// <summary>The version a writer proposes next: counter + 1, conditioned on this ETag.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}
