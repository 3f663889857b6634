namespace Lens.Runtime.Storage.InMemory;

/// <summary>Grain state records in memory.</summary>
public sealed class InMemoryGrainStateStore : IGrainStateStore
{
    private readonly Dictionary<(string, string), GrainStateRecord> _records = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<GrainStateRecord> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_records.GetValueOrDefault((stateName, grainId)) ?? new GrainStateRecord(null, null));
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(string stateName, string grainId, byte[] data, string? expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Check(stateName, grainId, expectedETag);
            var etag = Guid.NewGuid().ToString("N");
            _records[(stateName, grainId)] = new GrainStateRecord(data.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(string stateName, string grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Check(stateName, grainId, expectedETag);
            _records.Remove((stateName, grainId));
            return Task.CompletedTask;
        }
    }

    private void Check(string stateName, string grainId, string? expectedETag)
    {
        var current = _records.GetValueOrDefault((stateName, grainId))?.ETag;
        if (current != expectedETag) throw new StateConflictException(stateName, grainId, expectedETag, current);
    }
}
