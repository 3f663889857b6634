using System.Collections.Concurrent;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Directory;

/// <summary>
/// The grain directory: registrations in shared storage (first writer wins, ETag-guarded takeover) with a
/// local cache. A stale cache entry only costs a redirect; the store decides who owns a grain.
/// </summary>
internal sealed class GrainDirectory(IClusterStorage storage)
{
    private readonly ConcurrentDictionary<GrainId, GrainRegistration> _cache = new();

    public async Task<GrainRegistration?> LookupAsync(GrainId grainId, bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh && _cache.TryGetValue(grainId, out var cached)) return cached;
        var registration = await storage.Registrations.LookupAsync(grainId.ToString(), cancellationToken);
        if (registration is null) _cache.TryRemove(grainId, out _);
        else _cache[grainId] = registration;
        return registration;
    }

    public async Task<GrainRegistration> RegisterAsync(GrainRegistration proposed, string? previousETag, CancellationToken cancellationToken)
    {
        var winner = await storage.Registrations.RegisterAsync(proposed, previousETag, cancellationToken);
        _cache[GrainId.Parse(winner.GrainId)] = winner;
        return winner;
    }

    public async Task UnregisterAsync(GrainRegistration registration, CancellationToken cancellationToken)
    {
        var grainId = GrainId.Parse(registration.GrainId);
        _cache.TryRemove(new KeyValuePair<GrainId, GrainRegistration>(grainId, registration));
        if (registration.ETag is not null) await storage.Registrations.UnregisterAsync(registration.GrainId, registration.ETag, cancellationToken);
    }

    public void Invalidate(GrainId grainId) => _cache.TryRemove(grainId, out _);
}
