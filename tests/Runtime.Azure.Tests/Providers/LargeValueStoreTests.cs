using System.Security.Cryptography;
using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class LargeValueStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AValueRoundTripsUnderItsContentHash()
    {
        using var storage = azurite.NewStorage();
        var value = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(value);

        var reference = await storage.LargeValues.PutAsync(value);

        Assert.Equal(("sha256-" + Convert.ToHexStringLower(SHA256.HashData(value)), (long)value.Length), (reference.Id, reference.Length));
        Assert.Equal(value, await storage.LargeValues.GetAsync(reference));
    }

    [Fact]
    public async Task PuttingTheSameBytesAgainIsHarmless()
    {
        using var storage = azurite.NewStorage();

        var first = await storage.LargeValues.PutAsync(new byte[] { 1, 2, 3 });
        var second = await storage.LargeValues.PutAsync(new byte[] { 1, 2, 3 });

        Assert.Equal(first, second);
        Assert.Equal(new byte[] { 1, 2, 3 }, await storage.LargeValues.GetAsync(second));
    }

    [Fact]
    public async Task AnUnknownReferenceIsKeyNotFound()
    {
        using var storage = azurite.NewStorage();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => storage.LargeValues.GetAsync(new LargeValueRef("sha256-00", 1)));
    }
}
