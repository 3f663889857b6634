using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class GrainStateStoreTests(AzuriteFixture azurite)
{
    private const string State = "profile";
    private const string Grain = "user/ada:1";

    [Fact]
    public async Task AMissingRecordReadsAsNoDataAndNoETag()
    {
        using var storage = azurite.NewStorage();

        Assert.Equal(new GrainStateRecord(null, null), await storage.GrainState.ReadAsync(State, Grain));
    }

    [Fact]
    public async Task WritesChainOnTheETagTheyReturn()
    {
        using var storage = azurite.NewStorage();

        var first = await storage.GrainState.WriteAsync(State, Grain, [1], null);
        var second = await storage.GrainState.WriteAsync(State, Grain, [2], first);
        var read = await storage.GrainState.ReadAsync(State, Grain);

        Assert.NotEqual(first, second);
        Assert.Equal(new byte[] { 2 }, read.Data);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task CreatingOverAnExistingRecordIsAConflictNotAnError()
    {
        using var storage = azurite.NewStorage();
        var etag = await storage.GrainState.WriteAsync(State, Grain, [1], null);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => storage.GrainState.WriteAsync(State, Grain, [2], null));

        Assert.Contains(etag, conflict.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 1 }, (await storage.GrainState.ReadAsync(State, Grain)).Data!);
    }

    [Fact]
    public async Task AStaleETagIsAConflictForWriteAndClear()
    {
        using var storage = azurite.NewStorage();
        var first = await storage.GrainState.WriteAsync(State, Grain, [1], null);
        var current = await storage.GrainState.WriteAsync(State, Grain, [2], first);

        await Assert.ThrowsAsync<StateConflictException>(() => storage.GrainState.WriteAsync(State, Grain, [3], first));
        await Assert.ThrowsAsync<StateConflictException>(() => storage.GrainState.ClearAsync(State, Grain, first));
        await Assert.ThrowsAsync<StateConflictException>(() => storage.GrainState.ClearAsync(State, Grain, null));

        Assert.Equal(current, (await storage.GrainState.ReadAsync(State, Grain)).ETag);
    }

    [Fact]
    public async Task ClearRemovesTheRecordAndClearingNothingIsFine()
    {
        using var storage = azurite.NewStorage();
        var etag = await storage.GrainState.WriteAsync(State, Grain, [1], null);

        await storage.GrainState.ClearAsync(State, Grain, etag);
        await storage.GrainState.ClearAsync(State, Grain, null);
        await Assert.ThrowsAsync<StateConflictException>(() => storage.GrainState.WriteAsync(State, Grain, [2], etag));

        Assert.Equal(new GrainStateRecord(null, null), await storage.GrainState.ReadAsync(State, Grain));
    }

    [Fact]
    public async Task StateNamesAndGrainIdsDoNotCollide()
    {
        using var storage = azurite.NewStorage();

        await storage.GrainState.WriteAsync("a/b", "c", [1], null);
        await storage.GrainState.WriteAsync("a", "b/c", [2], null);

        Assert.Equal(new byte[] { 1 }, (await storage.GrainState.ReadAsync("a/b", "c")).Data!);
        Assert.Equal(new byte[] { 2 }, (await storage.GrainState.ReadAsync("a", "b/c")).Data!);
    }
}
