using System.Net;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Azure.Tests.Azurite;

namespace Lens.Runtime.Azure.Tests.Rest;

[Collection(AzuriteCollection.Name)]
public sealed class SharedKeySignerTests(AzuriteFixture azurite)
{
    private static readonly StorageAccount Account = StorageAccount.Parse(StorageAccount.DevelopmentConnectionString("127.0.0.1", 10000, 10002));

    [Fact]
    public void BlobStringToSignFollowsTheCanonicalLayout()
    {
        var request = new StorageRequest(HttpMethod.Put, new Uri("http://127.0.0.1:10000/devstoreaccount1/journals/a~2Fb"))
        {
            Content = new byte[5],
            ContentType = "application/octet-stream",
        };
        request.Query["comp"] = "appendblock";
        request.Headers["x-ms-version"] = "2021-12-02";
        request.Headers["x-ms-date"] = "Sun, 22 Nov 2026 08:00:00 GMT";
        request.Headers["X-MS-Blob-Condition-AppendPos"] = " 42 ";
        request.Headers["If-Match"] = "\"0x1\"";

        var expected = string.Join('\n',
            "PUT", "", "", "5", "", "application/octet-stream", "", "", "\"0x1\"", "", "", "",
            "x-ms-blob-condition-appendpos:42",
            "x-ms-date:Sun, 22 Nov 2026 08:00:00 GMT",
            "x-ms-version:2021-12-02",
            "/devstoreaccount1/devstoreaccount1/journals/a~2Fb",
            "comp:appendblock");
        Assert.Equal(expected, new SharedKeySigner(Account).BlobStringToSign(request));
    }

    [Fact]
    public void TableStringToSignKeepsOnlyCompFromTheQuery()
    {
        var request = new StorageRequest(HttpMethod.Get, new Uri("http://127.0.0.1:10002/devstoreaccount1/reminders()"));
        request.Query["$filter"] = "PartitionKey eq 'x'";
        request.Headers["x-ms-date"] = "Sun, 22 Nov 2026 08:00:00 GMT";

        Assert.Equal("GET\n\n\nSun, 22 Nov 2026 08:00:00 GMT\n/devstoreaccount1/devstoreaccount1/reminders()",
            new SharedKeySigner(Account).TableStringToSign(request));
    }

    [Fact]
    public void AuthorizationIsHmacSha256OfTheStringWithTheAccountKey()
    {
        // Computed independently with Python: base64(hmac.new(base64decode(key), b"abc", sha256).digest())
        Assert.Equal("SharedKey devstoreaccount1:SIcX91U20N3KMshjCxCtQlOGY5e+vjvvAoYG97vklcc=", new SharedKeySigner(Account).Authorization("abc"));
    }

    [Fact]
    public async Task AzuriteAcceptsTheSignatureAndRejectsAWrongKey()
    {
        var good = StorageAccount.Parse(azurite.Server.ConnectionString);
        using var transport = new StorageTransport(good, TimeSpan.FromSeconds(10));
        var container = AzuriteFixture.NewPrefix();
        var created = await new BlobClient(transport).CreateContainerAsync(container);
        Assert.Equal(HttpStatusCode.Created, created.Status);

        var wrongKey = azurite.Server.ConnectionString.Replace(StorageAccount.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);
        using var impostor = new StorageTransport(StorageAccount.Parse(wrongKey), TimeSpan.FromSeconds(10));
        var refused = await Assert.ThrowsAsync<StorageRequestException>(() => new BlobClient(impostor).PutBlockBlobAsync(container, "x", new byte[] { 1 }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("AuthorizationFailure", refused.ErrorCode);
    }

    [Fact]
    public async Task AzuriteAcceptsTableSignaturesOnEntityPathsWithQuotesAndEscapes()
    {
        using var transport = new StorageTransport(StorageAccount.Parse(azurite.Server.ConnectionString), TimeSpan.FromSeconds(10));
        var tables = new TableClient(transport);
        var table = AzuriteFixture.NewPrefix();
        await tables.CreateTableAsync(table);

        var entity = new TableEntity("it's a key", "row 1 é+%", new Dictionary<string, string> { ["Value"] = "v" });
        var written = await tables.ReplaceAsync(table, entity, null);
        Assert.Equal(HttpStatusCode.NoContent, written.Status);
        var read = Assert.Single(await tables.QueryAsync(table, $"PartitionKey eq {TableClient.Quote("it's a key")}"));
        Assert.Equal(("row 1 é+%", "v"), (read.RowKey, read.Properties["Value"]));
    }
}
