using Lens.Runtime.Storage;

namespace Lens.Runtime.Metrics;

/// <summary>The silo's view of storage: journals measured, everything else as provided.</summary>
internal sealed class MeasuredClusterStorage(IClusterStorage inner, SiloMetrics metrics) : IClusterStorage
{
    public IJournalStore Journals { get; } = new MeasuredJournalStore(inner.Journals, metrics);

    public ILargeValueStore LargeValues => inner.LargeValues;

    public IGrainStateStore GrainState => inner.GrainState;

    public IMembershipTable Membership => inner.Membership;

    public IReminderTable Reminders => inner.Reminders;

    public IGrainRegistrationStore Registrations => inner.Registrations;
}
