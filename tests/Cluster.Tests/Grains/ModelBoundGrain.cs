using Lens.Grains.Placement;

namespace Lens.Cluster.Tests.Grains;

[ModelPlacement]
public sealed class ModelBoundGrain(ILocalSiloDetails silo) : Grain, IModelBoundGrain
{
    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}
