using Lens.Runtime.Storage;
using Lens.Runtime.Storage.File;

namespace Lens.Runtime.Tests.Storage;

public sealed class FileTablesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lens-tables-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    private static SiloRow Row(string id) => new(id, $"http://{id}/", SiloStatus.Joining, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, ["gpu"], []);

    [Fact]
    public async Task MembershipWritesNeedTheCurrentTableVersionAndRowETag()
    {
        var table = new FileClusterStorage(_root).Membership;
        var empty = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(Row("a"), empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Row("b"), empty.Version.Next()));
        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        var entry = Assert.Single(one.Entries);
        Assert.Equal(["gpu"], entry.Row.Capabilities);
        Assert.True(await table.UpdateRowAsync(entry.Row with { Status = SiloStatus.Active }, entry.ETag, one.Version.Next()));
        Assert.False(await table.UpdateRowAsync(entry.Row with { Status = SiloStatus.Dead }, entry.ETag, one.Version.Next()));
        var two = await table.ReadAllAsync();
        Assert.Equal((2L, SiloStatus.Active), (two.Version.Version, two.Entries[0].Row.Status));
    }

    [Fact]
    public async Task RegistrationHasOneWinnerAndIsTakenOverOnlyWithItsETag()
    {
        var store = new FileClusterStorage(_root).Registrations;
        var first = await store.RegisterAsync(new GrainRegistration("g/1", "s1", "http://s1/", "act1", null), null);
        var second = await store.RegisterAsync(new GrainRegistration("g/1", "s2", "http://s2/", "act2", null), null);
        Assert.Equal("act1", second.ActivationId);
        var stale = await store.RegisterAsync(new GrainRegistration("g/1", "s3", "http://s3/", "act3", null), "not-the-etag");
        Assert.Equal("act1", stale.ActivationId);
        var takeover = await store.RegisterAsync(new GrainRegistration("g/1", "s2", "http://s2/", "act2", null), first.ETag);
        Assert.Equal("act2", takeover.ActivationId);
        Assert.False(await store.UnregisterAsync("g/1", first.ETag!));
        Assert.True(await store.UnregisterAsync("g/1", takeover.ETag!));
        Assert.Null(await store.LookupAsync("g/1"));
    }

    [Fact]
    public async Task RemindersAreReadByGrainAndByWrappingRingRange()
    {
        var table = new FileClusterStorage(_root).Reminders;
        await table.UpsertAsync(new ReminderRow("g/low", 10, "r", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), null));
        await table.UpsertAsync(new ReminderRow("g/high", uint.MaxValue - 10, "r", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), null));
        Assert.Equal(["g/low"], (await table.ReadRangeAsync(5, 20)).Select(r => r.GrainId));
        Assert.Equal(2, (await table.ReadRangeAsync(uint.MaxValue - 20, 15)).Count);
        Assert.Equal(2, (await table.ReadRangeAsync(7, 7)).Count);
        var row = Assert.Single(await table.ReadGrainAsync("g/low"));
        Assert.False(await table.RemoveAsync("g/low", "r", "wrong"));
        Assert.True(await table.RemoveAsync("g/low", "r", row.ETag!));
        Assert.Single(await table.ReadAllAsync());
    }

    [Fact]
    public async Task GrainStateWritesAreETagGuarded()
    {
        var store = new FileClusterStorage(_root).GrainState;
        var etag = await store.WriteAsync("s", "g/1", [1, 2], null);
        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("s", "g/1", [3], null));
        await store.WriteAsync("s", "g/1", [3], etag);
        Assert.Equal(new byte[] { 3 }, (await store.ReadAsync("s", "g/1")).Data);
    }
}
