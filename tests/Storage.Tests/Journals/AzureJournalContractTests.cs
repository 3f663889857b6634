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
