namespace Lens.Runtime.Tests.Grains;

[RequiresCapability("gpu")]
public sealed class GpuGrain : Grain, IGpuGrain
{
    public Task<string> SiloId() => Task.FromResult(Context.SiloId);
}
