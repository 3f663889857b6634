using Lens.Runtime;

namespace Lens.Bench;

public sealed class BenchGrain : JournaledGrain<BenchState, BenchEvent>, IBenchGrain
{
    protected override int SnapshotInterval => 1000;

    public Task<int> Echo(int value) => Task.FromResult(value);

    public async Task<long> Append(int value)
    {
        RaiseEvent(new BenchEvent(value));
        await ConfirmEvents();
        return Version;
    }

    public Task<string> SiloId() => Task.FromResult(Context.SiloId);
}
