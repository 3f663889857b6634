using Lens.Storage.Journals;
using Lens.Storage.Journals.Azure;
using Lens.Storage.Tests.Azurite;

namespace Lens.Storage.Tests.Journals;

/// <summary>The journal contract on append blobs in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureJournalContractTests(AzuriteFixture azurite) : JournalContract
{
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    protected override long MaxBatchBytes => AzureJournalOptions.MaxBlockBytes;

    protected override IEventJournal NewJournal() =>
        new AzureAppendBlobJournal(azurite.ConnectionString, new AzureJournalOptions { ContainerPrefix = _prefix, RequestTimeout = TimeSpan.FromSeconds(10) });

    protected override long BytesRead(IEventJournal journal) => ((AzureAppendBlobJournal)journal).BytesRead;
}

/// <summary>The journal contract again with two frames per segment, so nearly every append meets a rollover.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureSmallSegmentJournalContractTests(AzuriteFixture azurite) : JournalContract
{
    private const int SegmentBlocks = 2;
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    protected override long MaxBatchBytes => AzureJournalOptions.MaxBlockBytes;

    // The snapshot test's tail starts and ends on a segment boundary: one 24-byte seal per full segment read.
    protected override long ExpectedTailBytes(int events) => events * FrameBytes + events / SegmentBlocks * 24;

    protected override IEventJournal NewJournal() =>
        new AzureAppendBlobJournal(azurite.ConnectionString, new AzureJournalOptions { ContainerPrefix = _prefix, SegmentBlocks = SegmentBlocks });

    protected override long BytesRead(IEventJournal journal) => ((AzureAppendBlobJournal)journal).BytesRead;
}
