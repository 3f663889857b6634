using Lens.GrainInterfaces.Cluster;

namespace Lens.Silo.Cluster;

/// <summary>Keeps its values in the default grain storage; a stale activation's write fails on the ETag, so none forks.</summary>
internal sealed class ProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state, ILocalSiloDetails silo) : Grain, IProbeGrain
{
    public async Task<ProbeReceipt> Record(long value)
    {
        state.State.Values.Add(value);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have landed: the next call starts from storage rather than from a guess.
            DeactivateOnIdle();
            throw;
        }
        return new ProbeReceipt(state.State.Values.Count, silo.SiloAddress.ToString());
    }

    public Task<ProbeRecord> Read() => Task.FromResult(new ProbeRecord([.. state.State.Values], silo.SiloAddress.ToString()));

    public Task<string> Ping() => Task.FromResult(silo.SiloAddress.ToString());
}
