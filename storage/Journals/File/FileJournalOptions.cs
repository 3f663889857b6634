namespace Lens.Storage.Journals.File;

/// <summary>Settings of a <see cref="FileJournal"/>.</summary>
public sealed class FileJournalOptions
{
    /// <summary>The largest encoded batch accepted (64 MiB by default).</summary>
    public long MaxBatchBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long to wait for a stream's lock held by another process before failing as unavailable.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
