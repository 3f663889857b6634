using System.Net;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Azure.Tests.Azurite;

namespace Lens.Runtime.Azure.Tests.Rest;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientTests : IDisposable
{
    private readonly StorageTransport _transport;
    private readonly TableClient _tables;
    private readonly string _table = AzuriteFixture.NewPrefix();

    public TableClientTests(AzuriteFixture azurite)
    {
        _transport = new StorageTransport(StorageAccount.Parse(azurite.Server.ConnectionString), TimeSpan.FromSeconds(10));
        _tables = new TableClient(_transport);
    }

    public void Dispose() => _transport.Dispose();

    [Fact]
    public async Task WeakETagsGoBackVerbatimAndAStaleOneAnswers412()
    {
        await _tables.CreateTableAsync(_table);
        var inserted = await _tables.InsertAsync(_table, Entity("a", "1"));
        var read = Assert.Single(await _tables.QueryAsync(_table, null));
        var replaced = await _tables.ReplaceAsync(_table, Entity("a", "2"), read.ETag);
        var stale = await _tables.ReplaceAsync(_table, Entity("a", "3"), read.ETag);

        Assert.Equal(HttpStatusCode.NoContent, inserted.Status);
        Assert.StartsWith("W/\"", read.ETag, StringComparison.Ordinal);
        Assert.Equal(read.ETag, inserted.ETag);
        Assert.True(replaced.IsSuccess);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("2", Assert.Single(await _tables.QueryAsync(_table, null)).Properties["Value"]);
    }

    [Fact]
    public async Task InsertingTwiceAnswers409AndDeleteNeedsTheCurrentETag()
    {
        await _tables.CreateTableAsync(_table);
        var first = await _tables.InsertAsync(_table, Entity("a", "1"));
        var again = await _tables.InsertAsync(_table, Entity("a", "1"));
        var updated = await _tables.ReplaceAsync(_table, Entity("a", "2"), null);
        var staleDelete = await _tables.DeleteAsync(_table, "p", "a", first.ETag!);
        var delete = await _tables.DeleteAsync(_table, "p", "a", updated.ETag!);
        var missing = await _tables.DeleteAsync(_table, "p", "a", "*");

        Assert.Equal((HttpStatusCode.Conflict, "EntityAlreadyExists"), (again.Status, again.ErrorCode));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.Status);
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task QueriesFilterOnStringPropertiesAndAMissingTableReadsEmpty()
    {
        Assert.Empty(await _tables.QueryAsync(_table, null));
        await _tables.CreateTableAsync(_table);
        foreach (var i in Enumerable.Range(0, 5))
        {
            await _tables.InsertAsync(_table, Entity($"r{i}", $"v{i}"));
        }

        var some = await _tables.QueryAsync(_table, "Value gt 'v1' and Value le 'v3'");

        Assert.Equal(["r2", "r3"], some.Select(e => e.RowKey).Order());
    }

    [Fact]
    public async Task QueriesFollowContinuationTokensPastAThousandEntities()
    {
        await _tables.CreateTableAsync(_table);
        var rows = Enumerable.Range(0, 1010).Select(i => $"r{i:D4}").ToList();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (row, ct) =>
            Assert.True((await _tables.InsertAsync(_table, Entity(row, "v"), ct)).IsSuccess));

        var all = await _tables.QueryAsync(_table, null);

        Assert.Equal(rows, all.Select(e => e.RowKey).Order());
    }

    private static TableEntity Entity(string row, string value) => new("p", row, new Dictionary<string, string> { ["Value"] = value });
}
