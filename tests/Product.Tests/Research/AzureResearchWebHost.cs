using Lens.Storage.Hosting;
using Lens.Tests.Azurite;
using Orleans.Hosting;

namespace Lens.Product.Tests.Research;

/// <summary>
/// <see cref="ResearchWebHost"/> with the silo's grain state, journals and reminders in Azure Storage: a real Azurite
/// of its own, started before the host and stopped after it.
/// </summary>
public sealed class AzureResearchWebHost : ResearchWebHost
{
    private AzuriteServer? _azurite;

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void UseStorage(ISiloBuilder silo) => silo.AddLensAzureStorage(_azurite!.ConnectionString);

    public override async Task DisposeAsync()
    {
        // The silo first: one whose storage vanished under it waits in its shutdown.
        await base.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
