using Lens.Storage.Journals;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Storage.Tests.Grains;

/// <summary>
/// Journaled grains, grain state and reminders in a real Orleans silo wired with a Lens storage, across silo kills and
/// restarts. Run once per wiring: <c>AddLensFileStorage</c> and <c>AddLensAzureStorage</c>.
/// </summary>
public abstract class SiloStorageContract
{
    // One service across the restarts of a test, as one deployment keeps its service id.
    private readonly string _serviceId = "lens-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Adds the storage under test to a silo; every call must reach the same stored data.</summary>
    protected abstract void AddStorage(ISiloBuilder silo);

    /// <summary>A journal over the same store, outside any silo.</summary>
    protected abstract IEventJournal OpenJournal();

    /// <summary>Journal bytes read by the silo's journal.</summary>
    protected abstract long BytesRead(IEventJournal journal);

    [Fact]
    public async Task EveryAcknowledgedEventSurvivesASiloKill()
    {
        var key = "kill-" + Guid.NewGuid().ToString("N");
        var expected = new List<string>();
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
        {
            var grain = cluster.Client.GetGrain<IItemListGrain>(key);
            for (var i = 1; i <= 12; i++)
            {
                Assert.Equal(i, await grain.Add($"item-{i:D2}"));
                expected.Add($"item-{i:D2}");
            }
            Assert.Equal(15, await grain.Add("x1", "x2", "x3"));
            expected.AddRange(["x1", "x2", "x3"]);
            await cluster.KillAsync();
        }

        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
        {
            var grain = cluster.Client.GetGrain<IItemListGrain>(key);
            Assert.Equal(expected, await grain.Items());
            Assert.Equal(15, await grain.ConfirmedVersion());
            Assert.Equal(16, await grain.Add("after the kill"));
        }
        var read = await OpenJournal().ReadAsync(StreamOf(key));
        Assert.Equal(16, read.Version);
    }

    [Fact]
    public async Task AnActivationReadsTheLatestSnapshotAndOnlyTheEventsAfterIt()
    {
        var key = "snapshot-" + Guid.NewGuid().ToString("N");
        var expected = Enumerable.Range(1, 23).Select(i => $"item-{i:D2}").ToList();
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
        {
            var grain = cluster.Client.GetGrain<IItemListGrain>(key);
            foreach (var item in expected) await grain.Add(item);
        }

        // Snapshots are taken every 5 events, before the next append: the last is at version 20.
        var stored = await OpenJournal().ReadAsync(StreamOf(key));
        Assert.Equal(20, stored.Snapshot?.Version);
        var tailBytes = stored.Events.Sum(e => 24 + 20 + e.Payload.Length);
        Assert.Equal(3, stored.Events.Count);

        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
        {
            var journal = cluster.Silo.GetRequiredService<IEventJournal>();
            Assert.Equal(expected, await cluster.Client.GetGrain<IItemListGrain>(key).Items());
            Assert.Equal(tailBytes, BytesRead(journal));
        }
    }

    [Fact]
    public async Task ABatchWhoseAnswerWasLostIsAppliedOnce()
    {
        var key = "lost-" + Guid.NewGuid().ToString("N");
        await using (var cluster = await LensCluster.StartAsync(_serviceId, silo => { AddStorage(silo); AnswerLosingJournal.Install(silo); }))
        {
            var losing = cluster.Silo.GetRequiredService<AnswerLosingJournal>();
            var grain = cluster.Client.GetGrain<IItemListGrain>(key);
            Assert.Equal(1, await grain.Add("a"));

            // The journal stores ["b", "c"] but the grain hears "unavailable"; the log-consistency provider re-reads
            // and resubmits; the journal recognises the batch.
            losing.LoseNextAnswers(1);
            Assert.Equal(3, await grain.Add("b", "c"));
            Assert.Equal(1, losing.Lost);
            Assert.Equal(["a", "b", "c"], await grain.Items());
            Assert.Equal(4, await grain.Add("d"));
        }

        Assert.Equal(["a", "b", "c", "d"], Items(await OpenJournal().ReadAsync(StreamOf(key))));
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
            Assert.Equal(["a", "b", "c", "d"], await cluster.Client.GetGrain<IItemListGrain>(key).Items());
    }

    [Fact]
    public async Task AnEventAnotherWriterStoredFirstIsKeptAndTheGrainsEventFollowsIt()
    {
        var key = "conflict-" + Guid.NewGuid().ToString("N");
        await using var cluster = await LensCluster.StartAsync(_serviceId, AddStorage);
        var grain = cluster.Client.GetGrain<IItemListGrain>(key);
        Assert.Equal(1, await grain.Add("a"));

        // Another writer (say, a second activation during a partition) appends behind the grain's back: the grain's
        // next append meets a conflict, the provider re-reads and appends again after the other event.
        await cluster.Silo.GetRequiredService<IEventJournal>().AppendAsync(StreamOf(key), 1, [Record(new ItemAdded(Guid.NewGuid(), "other"))]);
        Assert.Equal(3, await grain.Add("b"));
        Assert.Equal(["a", "other", "b"], await grain.Items());
        Assert.Equal(["a", "other", "b"], Items(await OpenJournal().ReadAsync(StreamOf(key))));
    }

    [Fact]
    public async Task GrainStateInTheDefaultAndTheLensStorageSurvivesASiloKill()
    {
        var key = "note-" + Guid.NewGuid().ToString("N");
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
        {
            var grain = cluster.Client.GetGrain<INoteGrain>(key);
            await grain.Write("first");
            await grain.Write("second");
            await cluster.KillAsync();
        }
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
            Assert.Equal(("default:second", "lens:second"), await cluster.Client.GetGrain<INoteGrain>(key).Read());
    }

    [Fact]
    public async Task RemindersSurviveASiloKill()
    {
        var key = "reminder-" + Guid.NewGuid().ToString("N");
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
        {
            var grain = cluster.Client.GetGrain<IReminderGrain>(key);
            await grain.Register("hourly");
            await grain.Register("nightly");
            await grain.Register("dropped");
            await grain.Unregister("dropped");
            Assert.Equal(["hourly", "nightly"], await grain.Names());
            await cluster.KillAsync();
        }
        await using (var cluster = await LensCluster.StartAsync(_serviceId, AddStorage))
            Assert.Equal(["hourly", "nightly"], await cluster.Client.GetGrain<IReminderGrain>(key).Names());
    }

    /// <summary>The journal stream of an item-list grain: its grain id.</summary>
    protected static string StreamOf(string key) => $"itemlist/{key}";

    private static JournalRecord Record(ItemAdded added) => new(added.EventId, EventSerializer.Serializer.SerializeToArray(added));

    private static List<string> Items(JournalRead read) => read.Events.Select(e => EventSerializer.Serializer.Deserialize<ItemAdded>(e.Payload)!.Item).ToList();
}
