using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class HostingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UseAzureStorageRegistersOneProviderThatWorks()
    {
        var services = new ServiceCollection().UseAzureStorage(azurite.Server.ConnectionString, o => o.Prefix = AzuriteFixture.NewPrefix());
        await using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredService<IClusterStorage>();

        Assert.Same(provider.GetRequiredService<AzureClusterStorage>(), storage);
        Assert.Equal(1, await storage.Journals.AppendAsync("hosting/a", 0, [[1]]));
    }

    [Fact]
    public void AMalformedConnectionStringFailsAtRegistration()
    {
        Assert.Throws<FormatException>(() => new ServiceCollection().UseAzureStorage("AccountName=a"));
    }
}
