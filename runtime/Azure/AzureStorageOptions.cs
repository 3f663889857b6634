namespace Lens.Runtime.Azure;

/// <summary>Where and how the Azure provider stores cluster data.</summary>
public sealed class AzureStorageOptions
{
    /// <summary>An Azure Storage connection string (Azurite's or a real account's).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Prefix of every container and table, so several clusters (or test runs) can share one account.
    /// Lowercase letters and digits, starting with a letter.
    /// </summary>
    public string Prefix { get; set; } = "lens";

    /// <summary>
    /// Appends per journal blob before the journal continues in the next blob (an append blob takes at most
    /// 50,000 blocks). Lower it only to exercise segment changes.
    /// </summary>
    public int JournalSegmentBlocks { get; set; } = Journals.AzureJournalStore.DefaultSegmentBlocks;

    /// <summary>Longest a single REST call may take before it is reported as an outage.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
