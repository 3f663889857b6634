using Lens.Runtime.Storage;

namespace Lens.Runtime.Testing;

/// <summary>A silo's view of shared storage through one set of fault switches (like Orleans' FaultInjectionStorageProvider).</summary>
public sealed class FaultInjectingStorage(IClusterStorage inner, StorageFaults faults) : IClusterStorage
{
    /// <summary>The switches.</summary>
    public StorageFaults Faults => faults;

    /// <inheritdoc />
    public IJournalStore Journals { get; } = FaultInjectingProxy<IJournalStore>.Wrap(inner.Journals, faults);

    /// <inheritdoc />
    public ILargeValueStore LargeValues { get; } = FaultInjectingProxy<ILargeValueStore>.Wrap(inner.LargeValues, faults);

    /// <inheritdoc />
    public IGrainStateStore GrainState { get; } = FaultInjectingProxy<IGrainStateStore>.Wrap(inner.GrainState, faults);

    /// <inheritdoc />
    public IMembershipTable Membership { get; } = FaultInjectingProxy<IMembershipTable>.Wrap(inner.Membership, faults);

    /// <inheritdoc />
    public IReminderTable Reminders { get; } = FaultInjectingProxy<IReminderTable>.Wrap(inner.Reminders, faults);

    /// <inheritdoc />
    public IGrainRegistrationStore Registrations { get; } = FaultInjectingProxy<IGrainRegistrationStore>.Wrap(inner.Registrations, faults);
}
