using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class ReminderTableTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UpsertedRemindersReadBackPerGrainWithWeakETags()
    {
        using var storage = azurite.NewStorage();
        await storage.Reminders.UpsertAsync(Reminder("conversation/a", 10, "tick"));
        var etag = await storage.Reminders.UpsertAsync(Reminder("conversation/a", 10, "tock", TimeSpan.FromMinutes(5)));
        await storage.Reminders.UpsertAsync(Reminder("conversation/b", 20, "tick"));

        var rows = await storage.Reminders.ReadGrainAsync("conversation/a");

        Assert.Equal(["tick", "tock"], rows.Select(r => r.Name).Order());
        var tock = rows.Single(r => r.Name == "tock");
        Assert.Equal(("conversation/a", 10u, T0, TimeSpan.FromMinutes(5), etag), (tock.GrainId, tock.GrainHash, tock.StartAt, tock.Period, tock.ETag));
        Assert.StartsWith("W/\"", etag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertReplacesTheSameGrainAndName()
    {
        using var storage = azurite.NewStorage();
        await storage.Reminders.UpsertAsync(Reminder("g", 1, "r"));
        await storage.Reminders.UpsertAsync(Reminder("g", 1, "r", TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(await storage.Reminders.ReadAllAsync()).Period);
    }

    [Fact]
    public async Task RingRangesAreHalfOpenAndWrapAround()
    {
        using var storage = azurite.NewStorage();
        foreach (var hash in new uint[] { 0, 100, 200, 300, uint.MaxValue })
        {
            await storage.Reminders.UpsertAsync(Reminder($"g{hash}", hash, "r"));
        }

        Assert.Equal([200u, 300u], await Hashes(100, 300));
        Assert.Equal([0u, 100u, uint.MaxValue], await Hashes(300, 100));
        Assert.Equal(5, (await Hashes(7, 7)).Count);
        return;

        async Task<List<uint>> Hashes(uint begin, uint end) =>
            (await storage.Reminders.ReadRangeAsync(begin, end)).Select(r => r.GrainHash).Order().ToList();
    }

    [Fact]
    public async Task RemoveNeedsTheCurrentETag()
    {
        using var storage = azurite.NewStorage();
        var first = await storage.Reminders.UpsertAsync(Reminder("g", 1, "r"));
        var second = await storage.Reminders.UpsertAsync(Reminder("g", 1, "r"));

        Assert.False(await storage.Reminders.RemoveAsync("g", "r", first));
        Assert.True(await storage.Reminders.RemoveAsync("g", "r", second));
        Assert.False(await storage.Reminders.RemoveAsync("g", "r", second));
        Assert.Empty(await storage.Reminders.ReadGrainAsync("g"));
    }

    private static ReminderRow Reminder(string grain, uint hash, string name, TimeSpan? period = null) =>
        new(grain, hash, name, T0, period ?? TimeSpan.FromMinutes(1), null);
}
