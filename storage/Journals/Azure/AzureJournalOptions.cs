namespace Lens.Storage.Journals.Azure;

/// <summary>Settings of an <see cref="AzureAppendBlobJournal"/>.</summary>
public sealed class AzureJournalOptions
{
    /// <summary>Azure's limit on one append block, and so on one batch (4 MiB).</summary>
    public const int MaxBlockBytes = 4 * 1024 * 1024;

    /// <summary>Azure's limit on blocks in one append blob.</summary>
    public const int MaxBlocksPerBlob = 50_000;

    /// <summary>Prefix of the two containers, <c>{prefix}journal</c> and <c>{prefix}snapshot</c>: lowercase letters and digits.</summary>
    public string ContainerPrefix { get; init; } = "lens";

    /// <summary>Frames per segment blob before the stream rolls over to the next; under 50,000 so the seal always fits.</summary>
    public int SegmentBlocks { get; init; } = 49_000;

    /// <summary>How long one request may wait for an answer (the SDK's network timeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a request that got no answer or a server error.</summary>
    public int MaxRetries { get; init; } = 2;

    internal void Validate()
    {
        StorageNames.CheckPrefix(ContainerPrefix);
        if (SegmentBlocks is < 1 or >= MaxBlocksPerBlob)
            throw new ArgumentOutOfRangeException(nameof(SegmentBlocks), SegmentBlocks, $"Segment blocks must be between 1 and {MaxBlocksPerBlob - 1} (one block is kept for the seal).");
    }
}
