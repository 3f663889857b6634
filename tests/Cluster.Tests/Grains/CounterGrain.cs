namespace Lens.Cluster.Tests.Grains;

public sealed class CounterGrain(ILocalSiloDetails silo) : Grain, ICounterGrain
{
    private readonly Guid _activation = Guid.NewGuid();
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LiveActivations.Add(this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), _activation);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LiveActivations.Remove(this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), _activation);
        return Task.CompletedTask;
    }

    public Task<ActivationInfo> WhoAmI() => Task.FromResult(new ActivationInfo(silo.SiloAddress.ToString(), _activation));

    public Task<int> Increment() => Task.FromResult(++_count);
}
