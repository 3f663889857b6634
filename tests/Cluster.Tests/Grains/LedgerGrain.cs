namespace Lens.Cluster.Tests.Grains;

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<List<long>> ledger, ILocalSiloDetails silo) : Grain, ILedgerGrain
{
    private readonly Guid _activation = Guid.NewGuid();

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

    public async Task<int> Append(long value)
    {
        ledger.State.Add(value);
        try
        {
            await ledger.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle(); // outcome unknown: the next call starts from what is stored
            throw;
        }
        return ledger.State.Count;
    }

    public Task<IReadOnlyList<long>> Values() => Task.FromResult<IReadOnlyList<long>>([.. ledger.State]);

    public Task<ActivationInfo> WhoAmI() => Task.FromResult(new ActivationInfo(silo.SiloAddress.ToString(), _activation));
}
