namespace Lens.Runtime.Storage.File;

/// <summary>
/// The embedded, zero-setup storage: everything under one data directory. Safe for several silos in one
/// process and, through lock files, for several processes on one machine.
/// </summary>
public sealed class FileClusterStorage(string root, bool durable = true) : IClusterStorage
{
    /// <summary>The data directory.</summary>
    public string Root { get; } = System.IO.Directory.CreateDirectory(root).FullName;

    /// <inheritdoc />
    public IJournalStore Journals { get; } = new FileJournalStore(root, durable);

    /// <inheritdoc />
    public ILargeValueStore LargeValues { get; } = new FileLargeValueStore(root, durable);

    /// <inheritdoc />
    public IGrainStateStore GrainState { get; } = new FileGrainStateStore(root, durable);

    /// <inheritdoc />
    public IMembershipTable Membership { get; } = new FileMembershipTable(root, durable);

    /// <inheritdoc />
    public IReminderTable Reminders { get; } = new FileReminderTable(root, durable);

    /// <inheritdoc />
    public IGrainRegistrationStore Registrations { get; } = new FileRegistrationStore(root, durable);
}
