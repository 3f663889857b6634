namespace Lens.Runtime.Storage.InMemory;

/// <summary>All cluster storage in memory: one instance shared by the silos of an in-process cluster.</summary>
public sealed class InMemoryClusterStorage : IClusterStorage
{
    /// <inheritdoc />
    public IJournalStore Journals { get; } = new InMemoryJournalStore();

    /// <inheritdoc />
    public ILargeValueStore LargeValues { get; } = new InMemoryLargeValueStore();

    /// <inheritdoc />
    public IGrainStateStore GrainState { get; } = new InMemoryGrainStateStore();

    /// <inheritdoc />
    public IMembershipTable Membership { get; } = new InMemoryMembershipTable();

    /// <inheritdoc />
    public IReminderTable Reminders { get; } = new InMemoryReminderTable();

    /// <inheritdoc />
    public IGrainRegistrationStore Registrations { get; } = new InMemoryRegistrationStore();
}
