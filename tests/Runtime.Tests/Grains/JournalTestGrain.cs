namespace Lens.Runtime.Tests.Grains;

public sealed class JournalTestGrain : JournaledGrain<ValuesState, ValueAppended>, IJournalTestGrain
{
    protected override int SnapshotInterval => 7;

    public async Task<long> Append(long value)
    {
        RaiseEvent(new ValueAppended(value));
        await ConfirmEvents();
        return Version;
    }

    public Task<List<long>> GetValues() => Task.FromResult(State.Values.ToList());

    public Task<ActivationInfo> WhoAmI() => Task.FromResult(new ActivationInfo(Context.SiloId, Context.ActivationId));

    public Task<long> GetVersion() => Task.FromResult(Version);
}
