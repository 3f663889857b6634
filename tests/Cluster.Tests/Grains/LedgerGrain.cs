using Lens.Storage.EventSourcing;

namespace Lens.Cluster.Tests.Grains;

/// <summary>A journaled grain on the project's event journal: one <see cref="ValueAppended"/> confirmed per call.</summary>
public sealed class LedgerGrain(ILocalSiloDetails silo) : JournaledLensGrain<LedgerState, ValueAppended>, ILedgerGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        LiveActivations.Add(this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), _activation);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LiveActivations.Remove(this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), _activation);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<int> Append(long value)
    {
        RaiseEvent(new ValueAppended(Guid.NewGuid(), value));
        await ConfirmEvents();
        return State.Values.Count;
    }

    public Task<IReadOnlyList<long>> Values() => Task.FromResult<IReadOnlyList<long>>([.. State.Values]);

    public Task<ActivationInfo> WhoAmI() => Task.FromResult(new ActivationInfo(silo.SiloAddress.ToString(), _activation));

    protected override void TransitionState(LedgerState state, ValueAppended @event) => state.Values.Add(@event.Value);
}
