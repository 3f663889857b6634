using Lens.Runtime.Azure.Rest;

namespace Lens.Runtime.Azure.Tests.Rest;

public sealed class StorageAccountTests
{
    [Fact]
    public void AnAccountConnectionStringYieldsTheServiceEndpoints()
    {
        var account = StorageAccount.Parse($"DefaultEndpointsProtocol=https;AccountName=lensprod;AccountKey={Convert.ToBase64String(new byte[32])};EndpointSuffix=core.windows.net");

        Assert.Equal("lensprod", account.Name);
        Assert.Equal(new Uri("https://lensprod.blob.core.windows.net"), account.BlobEndpoint);
        Assert.Equal(new Uri("https://lensprod.table.core.windows.net"), account.TableEndpoint);
    }

    [Fact]
    public void DevelopmentStorageMeansAzuriteOnItsDefaultPorts()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");

        Assert.Equal(StorageAccount.DevelopmentAccountName, account.Name);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=a", "AccountKey is missing")]
    [InlineData("AccountName=a;AccountKey=not base64!", "AccountKey is not base64")]
    [InlineData("AccountKey=AAAA", "AccountName is missing")]
    [InlineData("AccountName=a;AccountKey=AAAA;BlobEndpoint=nowhere", "'nowhere' is not an absolute URI")]
    public void AMalformedConnectionStringSaysWhatIsWrong(string connectionString, string message)
    {
        var error = Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
