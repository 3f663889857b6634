namespace Lens.Bench;

public sealed class EchoGrain(ILocalSiloDetails silo) : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}
