namespace Lens.Runtime.Tests.Grains;

public sealed class KeyedGrain : Grain, IKeyedGrain
{
    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());
}
