using System.Text.Json;
using Orleans.Storage;

namespace Lens.Cluster.Tests.Support;

/// <summary>
/// Grain storage shared by every silo of an in-process cluster, as an external store would be: it outlives killed
/// silos, and a write with a stale ETag fails with <see cref="InconsistentStateException"/>. States are kept as JSON so
/// no silo shares an object with another.
/// </summary>
internal sealed class SharedGrainStore : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (byte[] Json, string ETag)> _states = [];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            if (_states.TryGetValue(Key(stateName, grainId), out var stored))
            {
                grainState.State = JsonSerializer.Deserialize<T>(stored.Json)!;
                (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
            }
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            var key = Key(stateName, grainId);
            var current = _states.TryGetValue(key, out var stored) ? stored.ETag : null;
            if (current != grainState.ETag)
                throw new InconsistentStateException($"{key}: stored ETag {current ?? "none"}, the writer had {grainState.ETag ?? "none"}", current, grainState.ETag);
            var etag = Guid.NewGuid().ToString("N");
            _states[key] = (JsonSerializer.SerializeToUtf8Bytes(grainState.State), etag);
            (grainState.ETag, grainState.RecordExists) = (etag, true);
        }
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock) _states.Remove(Key(stateName, grainId));
        (grainState.ETag, grainState.RecordExists) = (null, false);
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
