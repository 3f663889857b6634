namespace Lens.Runtime.Storage;

/// <summary>Whole-state persistence guarded by ETags (one record per state name and grain id).</summary>
public interface IGrainStateStore
{
    /// <summary>Reads the record; a missing record reads as <c>Data = null, ETag = null</c>.</summary>
    Task<GrainStateRecord> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="data"/> if the stored ETag equals <paramref name="expectedETag"/> (null: only if
    /// no record exists). Returns the new ETag.
    /// </summary>
    /// <exception cref="StateConflictException">The stored ETag differs.</exception>
    Task<string> WriteAsync(string stateName, string grainId, byte[] data, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if its ETag equals <paramref name="expectedETag"/>; a missing record is fine when the ETag is null.</summary>
    /// <exception cref="StateConflictException">The stored ETag differs.</exception>
    Task ClearAsync(string stateName, string grainId, string? expectedETag, CancellationToken cancellationToken = default);
}
