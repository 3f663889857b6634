using Lens.Storage.Reminders;
using Lens.Tests;

namespace Lens.Storage.Tests.Reminders;

/// <summary>The file reminder table on its own.</summary>
public sealed class FileReminderTableTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RowsAreUpsertedReadAndRemovedByETagAndSurviveANewInstance()
    {
        var grain = GrainId.Create("reminder", "g1");
        var table = new FileReminderTable(_folder.Path);
        var etag = await table.UpsertRow(Entry(grain, "daily", TimeSpan.FromDays(1)));
        var replaced = await table.UpsertRow(Entry(grain, "daily", TimeSpan.FromHours(12)));
        Assert.NotEqual(etag, replaced);
        await table.UpsertRow(Entry(grain, "hourly", TimeSpan.FromHours(1)));

        var restarted = new FileReminderTable(_folder.Path);
        var row = await restarted.ReadRow(grain, "daily");
        Assert.NotNull(row);
        Assert.Equal((grain, "daily", TimeSpan.FromHours(12), replaced), (row.GrainId, row.ReminderName, row.Period, row.ETag));
        Assert.Equal(["daily", "hourly"], (await restarted.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order());
        Assert.Null(await restarted.ReadRow(grain, "never"));

        Assert.False(await restarted.RemoveRow(grain, "daily", etag!)); // an outdated ETag removes nothing
        Assert.NotNull(await new FileReminderTable(_folder.Path).ReadRow(grain, "daily"));
        Assert.True(await restarted.RemoveRow(grain, "daily", replaced!));
        Assert.Null(await new FileReminderTable(_folder.Path).ReadRow(grain, "daily"));
    }

    [Fact]
    public async Task RangeReadsSplitTheRingWithoutGapsOrOverlaps()
    {
        var table = new FileReminderTable(_folder.Path);
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("reminder", $"g{i}")).ToList();
        foreach (var grain in grains) await table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(5)));

        var cut = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (cut[10], cut[30]);
        var inside = (await table.ReadRows(low, high)).Reminders.Select(r => r.GrainId).ToHashSet();
        var wrapped = (await table.ReadRows(high, low)).Reminders.Select(r => r.GrainId).ToHashSet();

        Assert.Equal(20, inside.Count); // (low, high]: hashes 11..30 in order
        Assert.All(inside, g => Assert.InRange(g.GetUniformHashCode(), low + 1, high));
        Assert.Empty(inside.Intersect(wrapped));
        Assert.Equal(grains.ToHashSet(), inside.Union(wrapped).ToHashSet());
        Assert.Equal(40, (await table.ReadRows(low, low)).Reminders.Count); // begin == end: the whole ring
    }

    [Fact]
    public async Task ADamagedFileIsAnErrorNamingIt()
    {
        var table = new FileReminderTable(_folder.Path);
        await File.WriteAllTextAsync(Path.Combine(table.Directory, "reminders.json"), "{ not json");
        var damaged = await Assert.ThrowsAsync<InvalidDataException>(() => table.ReadRows(GrainId.Create("reminder", "g")));
        Assert.Contains("reminders.json", damaged.Message, StringComparison.Ordinal);
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Period = period,
    };
}
