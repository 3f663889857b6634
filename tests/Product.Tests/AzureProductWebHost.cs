using Azure.Storage.Blobs;
using Lens.Storage.Hosting;
using Lens.Tests.Azurite;
using Orleans.Hosting;

namespace Lens.Product.Tests;

/// <summary>
/// <see cref="ProductWebHost"/> with the silo's grain state, journals and reminders in Azure Storage: a real Azurite
/// of its own, started before the host and stopped after it.
/// </summary>
public sealed class AzureProductWebHost : ProductWebHost
{
    private AzuriteServer? _azurite;

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void UseStorage(ISiloBuilder silo) => silo.AddLensAzureStorage(_azurite!.ConnectionString);

    /// <summary>The names of the blobs in the event journal's container (<c>lensjournal</c>).</summary>
    public async Task<IReadOnlyList<string>> JournalBlobsAsync()
    {
        var container = new BlobContainerClient(_azurite!.ConnectionString, "lensjournal");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync()) names.Add(blob.Name);
        return names;
    }

    public override async Task DisposeAsync()
    {
        // The silo first: one whose storage vanished under it waits in its shutdown.
        await base.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(nameof(AzureProductWebHost))]
public sealed class AzureProductWebHostCollection : ICollectionFixture<AzureProductWebHost>;
