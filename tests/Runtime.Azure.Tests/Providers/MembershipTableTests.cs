using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class MembershipTableTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ANewTableIsEmptyAtVersionZeroWithAnEmptyETag()
    {
        using var storage = azurite.NewStorage();

        var snapshot = await storage.Membership.ReadAllAsync();

        Assert.Empty(snapshot.Entries);
        Assert.Equal(new TableVersion(0, ""), snapshot.Version);
    }

    [Fact]
    public async Task InsertWritesTheRowAndTheNextVersionTogether()
    {
        using var storage = azurite.NewStorage();
        var empty = await storage.Membership.ReadAllAsync();

        Assert.True(await storage.Membership.InsertRowAsync(Row("a"), empty.Version.Next()));
        var after = await storage.Membership.ReadAllAsync();

        var entry = Assert.Single(after.Entries);
        var expected = Row("a");
        Assert.Equal((expected.SiloId, expected.Address, expected.Status, expected.HeartbeatTime, expected.StartTime),
            (entry.Row.SiloId, entry.Row.Address, entry.Row.Status, entry.Row.HeartbeatTime, entry.Row.StartTime));
        Assert.Equal(["model:stories260K"], entry.Row.Capabilities);
        Assert.Empty(entry.Row.Suspicions);
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual("", after.Version.ETag);
    }

    [Fact]
    public async Task AStaleVersionOrADuplicateRowWritesNothing()
    {
        using var storage = azurite.NewStorage();
        var empty = await storage.Membership.ReadAllAsync();
        await storage.Membership.InsertRowAsync(Row("a"), empty.Version.Next());
        var current = await storage.Membership.ReadAllAsync();

        Assert.False(await storage.Membership.InsertRowAsync(Row("b"), empty.Version.Next()));
        Assert.False(await storage.Membership.InsertRowAsync(Row("a"), current.Version.Next()));

        Assert.Equal(Summary(current), Summary(await storage.Membership.ReadAllAsync()));
    }

    [Fact]
    public async Task UpdateNeedsBothTheRowETagAndTheVersionETag()
    {
        using var storage = azurite.NewStorage();
        await storage.Membership.InsertRowAsync(Row("a"), new TableVersion(0, "").Next());
        var read = await storage.Membership.ReadAllAsync();
        var entry = read.Entries[0];
        var dead = entry.Row with { Status = SiloStatus.Dead, Suspicions = [new SuspicionVote("b", T0)] };

        Assert.False(await storage.Membership.UpdateRowAsync(dead, "stale", read.Version.Next()));
        Assert.False(await storage.Membership.UpdateRowAsync(dead, entry.ETag, read.Version with { ETag = "stale" }));
        Assert.True(await storage.Membership.UpdateRowAsync(dead, entry.ETag, read.Version.Next()));
        Assert.False(await storage.Membership.UpdateRowAsync(dead, entry.ETag, read.Version.Next()));

        var after = await storage.Membership.ReadAllAsync();
        Assert.Equal((SiloStatus.Dead, 2L), (after.Entries[0].Row.Status, after.Version.Version));
        Assert.Equal("b", Assert.Single(after.Entries[0].Row.Suspicions).VoterSiloId);
    }

    [Fact]
    public async Task HeartbeatsChangeTheRowButNotTheVersion()
    {
        using var storage = azurite.NewStorage();
        await storage.Membership.InsertRowAsync(Row("a"), new TableVersion(0, "").Next());
        var before = await storage.Membership.ReadAllAsync();

        await storage.Membership.UpdateHeartbeatAsync("a", T0.AddMinutes(1));
        await storage.Membership.UpdateHeartbeatAsync("missing", T0.AddMinutes(1));
        var after = await storage.Membership.ReadAllAsync();

        Assert.Equal(before.Version, after.Version);
        Assert.Equal(T0.AddMinutes(1), Assert.Single(after.Entries).Row.HeartbeatTime);
        // A status change against the version read before the heartbeat still succeeds: heartbeats are not status changes.
        Assert.True(await storage.Membership.UpdateRowAsync(after.Entries[0].Row with { Status = SiloStatus.Active }, after.Entries[0].ETag, before.Version.Next()));
    }

    [Fact]
    public async Task CleanupRemovesOnlyDeadRowsOlderThanTheCutoff()
    {
        using var storage = azurite.NewStorage();
        var version = new TableVersion(0, "");
        foreach (var (id, status, beat) in new[] { ("old-dead", SiloStatus.Dead, T0), ("new-dead", SiloStatus.Dead, T0.AddHours(1)), ("old-live", SiloStatus.Active, T0) })
        {
            Assert.True(await storage.Membership.InsertRowAsync(Row(id) with { Status = status, HeartbeatTime = beat }, version.Next()));
            version = (await storage.Membership.ReadAllAsync()).Version;
        }

        await storage.Membership.CleanupDeadAsync(T0.AddMinutes(30));

        Assert.Equal(["new-dead", "old-live"], (await storage.Membership.ReadAllAsync()).Entries.Select(e => e.Row.SiloId).Order());
    }

    [Fact]
    public async Task OfTwoSilosJoiningOnTheSameVersionExactlyOneWins()
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var left = azurite.NewStorage(prefix);
        using var right = azurite.NewStorage(prefix);
        var version = (await left.Membership.ReadAllAsync()).Version.Next();

        var results = await Task.WhenAll(left.Membership.InsertRowAsync(Row("left"), version), right.Membership.InsertRowAsync(Row("right"), version));

        Assert.Single(results, true);
        Assert.Single((await left.Membership.ReadAllAsync()).Entries);
    }

    private static SiloRow Row(string id) => new(id, $"http://127.0.0.1:5000/{id}", SiloStatus.Joining, T0, T0, ["model:stories260K"], []);

    private static string Summary(MembershipSnapshot snapshot) =>
        $"{snapshot.Version} " + string.Join(",", snapshot.Entries.Select(e => $"{e.Row.SiloId}:{e.ETag}"));
}
