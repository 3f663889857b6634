using Lens.Storage.Hosting;
using Lens.Storage.Journals;
using Lens.Storage.Journals.Azure;
using Lens.Storage.Tests.Azurite;

namespace Lens.Storage.Tests.Grains;

/// <summary>The silo storage contract with <c>AddLensAzureStorage</c> on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureSiloStorageTests(AzuriteFixture azurite) : SiloStorageContract
{
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    protected override void AddStorage(ISiloBuilder silo) => silo.AddLensAzureStorage(azurite.ConnectionString, _prefix);

    protected override IEventJournal OpenJournal() => new AzureAppendBlobJournal(azurite.ConnectionString, new AzureJournalOptions { ContainerPrefix = _prefix });

    protected override long BytesRead(IEventJournal journal) => ((AzureAppendBlobJournal)journal).BytesRead;
}
