using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Lens.Product.Tests.Research;

/// <summary>
/// Grain storage that every silo of one test cluster shares and that outlives a killed silo, as a real store does
/// (Orleans' memory storage lives in grains, which die with their silo). Values are kept serialized; writes check the
/// ETag like a real store, so a stale writer is refused with <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed class ResearchSharedGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (byte[] Bytes, string ETag)> _rows = new();

    public IGrainStorage For(IServiceProvider silo) => new Provider(this, silo.GetRequiredService<Serializer>());

    private sealed class Provider(ResearchSharedGrainStorage shared, Serializer serializer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (shared._rows.TryGetValue((stateName, grainId), out var row))
            {
                grainState.State = serializer.Deserialize<T>(row.Bytes);
                grainState.ETag = row.ETag;
                grainState.RecordExists = true;
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var key = (stateName, grainId);
            var next = (serializer.SerializeToArray(grainState.State), Guid.NewGuid().ToString("N"));
            lock (shared._rows)
            {
                var stored = shared._rows.TryGetValue(key, out var row) ? row.ETag : null;
                if (stored != grainState.ETag)
                    throw new InconsistentStateException($"{stateName} of {grainId}: stored ETag {stored ?? "(none)"}, writer had {grainState.ETag ?? "(none)"}", stored, grainState.ETag);
                shared._rows[key] = next;
            }
            grainState.ETag = next.Item2;
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            shared._rows.TryRemove((stateName, grainId), out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
    }
}
