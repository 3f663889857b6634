namespace Lens.Runtime.Storage.InMemory;

/// <summary>Grain registrations in memory.</summary>
public sealed class InMemoryRegistrationStore : IGrainRegistrationStore
{
    private readonly Dictionary<string, GrainRegistration> _registrations = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<GrainRegistration?> LookupAsync(string grainId, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_registrations.GetValueOrDefault(grainId));
    }

    /// <inheritdoc />
    public Task<GrainRegistration> RegisterAsync(GrainRegistration proposed, string? previousETag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_registrations.TryGetValue(proposed.GrainId, out var current) && current.ETag != previousETag) return Task.FromResult(current);
            var stored = proposed with { ETag = Guid.NewGuid().ToString("N") };
            _registrations[proposed.GrainId] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<bool> UnregisterAsync(string grainId, string etag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var found = _registrations.TryGetValue(grainId, out var current) && current.ETag == etag;
            if (found) _registrations.Remove(grainId);
            return Task.FromResult(found);
        }
    }
}
