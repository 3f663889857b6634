using Lens.Runtime.Azure.Journals;
using Lens.Runtime.Azure.LargeValues;
using Lens.Runtime.Azure.Membership;
using Lens.Runtime.Azure.Registrations;
using Lens.Runtime.Azure.Reminders;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Azure.State;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure;

/// <summary>
/// All cluster storage in one Azure Storage account: journals, snapshots, grain state, large values,
/// membership and registrations in blob containers named <c>{prefix}-…</c>, reminders in table
/// <c>{prefix}reminders</c>. Containers and the table are created on first write.
/// </summary>
public sealed class AzureClusterStorage : IClusterStorage, IDisposable
{
    private readonly StorageTransport _transport;

    /// <summary>Creates the provider for <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">The connection string or prefix is malformed.</exception>
    public AzureClusterStorage(AzureStorageOptions options)
    {
        if (options.Prefix.Length is < 1 or > 40 || !char.IsAsciiLetterLower(options.Prefix[0]) || !options.Prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new FormatException($"Azure storage prefix '{options.Prefix}' must be 1-40 lowercase letters and digits, starting with a letter.");

        _transport = new StorageTransport(StorageAccount.Parse(options.ConnectionString), options.RequestTimeout);
        var blobs = new BlobClient(_transport);
        BlobContainer Container(string purpose) => new(blobs, $"{options.Prefix}-{purpose}");

        Journals = new AzureJournalStore(Container("journals"), Container("snapshots"), options.JournalSegmentBlocks);
        LargeValues = new AzureLargeValueStore(Container("values"));
        GrainState = new AzureGrainStateStore(Container("state"));
        Membership = new AzureMembershipTable(Container("cluster"));
        Registrations = new AzureRegistrationStore(Container("cluster"));
        Reminders = new AzureReminderTable(new TableClient(_transport), $"{options.Prefix}reminders");
    }

    /// <summary>The account in use.</summary>
    public StorageAccount Account => _transport.Account;

    /// <inheritdoc />
    public IJournalStore Journals { get; }

    /// <inheritdoc />
    public ILargeValueStore LargeValues { get; }

    /// <inheritdoc />
    public IGrainStateStore GrainState { get; }

    /// <inheritdoc />
    public IMembershipTable Membership { get; }

    /// <inheritdoc />
    public IReminderTable Reminders { get; }

    /// <inheritdoc />
    public IGrainRegistrationStore Registrations { get; }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
