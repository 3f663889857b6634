namespace Lens.Runtime.Azure.Probe;

/// <summary>The journaled <see cref="IStorageProbeGrain"/>.</summary>
internal sealed class StorageProbeGrain : JournaledGrain<ProbeState, ProbeRecorded>, IStorageProbeGrain
{
    // Snapshots often enough that recovery exercises snapshot + tail reads, not only replays.
    protected override int SnapshotInterval => 10;

    public async Task<long> Record(long value)
    {
        RaiseEvent(new ProbeRecorded(value));
        await ConfirmEvents();
        return Version;
    }

    public Task<List<long>> GetRecorded() => Task.FromResult(State.Values.ToList());

    public Task<string> GetSiloId() => Task.FromResult(Context.SiloId);
}
