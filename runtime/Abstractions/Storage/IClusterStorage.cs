namespace Lens.Runtime.Storage;

/// <summary>
/// Everything a cluster keeps in shared storage, as one provider. The runtime resolves a single
/// <see cref="IClusterStorage"/> singleton from dependency injection; a provider registers it with an
/// extension method on <c>IServiceCollection</c> (the file store: <c>UseFileStorage(dir)</c>, in memory:
/// <c>UseInMemoryStorage()</c>, Azure: <c>UseAzureStorage(connectionString)</c> in Lens.Runtime.Azure).
/// </summary>
/// <remarks>
/// Implementations create their containers/tables/directories lazily on first use and are thread safe.
/// Every member may throw <see cref="StorageUnavailableException"/> when the backing service cannot be
/// reached; conflicts are reported as documented per member, never as unavailability.
/// </remarks>
public interface IClusterStorage
{
    /// <summary>Event journals of journaled grains.</summary>
    IJournalStore Journals { get; }

    /// <summary>Large binary values that events refer to instead of carrying them inline.</summary>
    ILargeValueStore LargeValues { get; }

    /// <summary>Whole-state persistence for grains that are not event sourced.</summary>
    IGrainStateStore GrainState { get; }

    /// <summary>Silo rows and the table version.</summary>
    IMembershipTable Membership { get; }

    /// <summary>Durable reminders.</summary>
    IReminderTable Reminders { get; }

    /// <summary>Grain directory registrations that guard single activation.</summary>
    IGrainRegistrationStore Registrations { get; }
}
