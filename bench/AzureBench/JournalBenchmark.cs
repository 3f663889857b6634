using System.Diagnostics;
using System.Text;
using Lens.Runtime.Azure;
using Lens.Runtime.Storage;

namespace Lens.Bench.Azure;

/// <summary>Event appends and journal-tail reads through the Azure provider, as a journaled grain does them.</summary>
internal sealed class JournalBenchmark(string connectionString, TextWriter output)
{
    // A typical event: a small JSON record.
    private static readonly byte[] Event = Encoding.UTF8.GetBytes("{\"kind\":\"TokenGenerated\",\"position\":1234,\"token\":\" the\",\"logit\":12.75,\"at\":\"2026-11-22T08:00:00Z\"}");
    private readonly string _prefix = "bench" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>One writer appending one event at a time, each waiting for the previous.</summary>
    public async Task SequentialAppendsAsync(int count)
    {
        using var storage = NewStorage();
        await AppendAsync(storage.Journals, "bench/warmup", 100);
        var (latencies, elapsed) = await AppendAsync(storage.Journals, "bench/sequential", count);
        output.WriteLine($"sequential, 1 journal: {LatencySummary.Of(latencies, elapsed)}");
    }

    /// <summary>One writer confirming several raised events per append (one block, one round trip).</summary>
    public async Task BatchedAppendsAsync(int count, int eventsPerAppend)
    {
        using var storage = NewStorage();
        var batch = Enumerable.Repeat(Event, eventsPerAppend).ToList();
        var latencies = new List<double>(count);
        var total = Stopwatch.StartNew();
        var clock = new Stopwatch();
        for (var version = 0L; version < (long)count * eventsPerAppend; version += eventsPerAppend)
        {
            clock.Restart();
            await storage.Journals.AppendAsync("bench/batched", version, batch);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        var summary = LatencySummary.Of(latencies, total.Elapsed);
        output.WriteLine($"batched, {eventsPerAppend} events per append: {summary} ({summary.PerSecond * eventsPerAppend:0} events/s)");
    }

    /// <summary>Independent grains appending at once, one journal each.</summary>
    public async Task ParallelAppendsAsync(int journals, int countEach)
    {
        using var storage = NewStorage();
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, journals).Select(j => AppendAsync(storage.Journals, $"bench/parallel-{j}", countEach)));
        var summary = LatencySummary.Of(runs.SelectMany(r => r.Latencies).ToList(), clock.Elapsed);
        output.WriteLine($"parallel, {journals} journals: {summary}");
    }

    /// <summary>
    /// A grain re-activating on another silo: read the snapshot, then the events after it by byte range,
    /// against replaying the whole journal from the start.
    /// </summary>
    public async Task TailReadAsync(int journalLength)
    {
        const string journal = "bench/sequential";
        using (var writer = NewStorage())
        {
            await writer.Journals.AppendAsync(journal, journalLength, [Event]); // cached tail: no read needed
            await writer.Journals.WriteSnapshotAsync(journal, journalLength + 1, Event, null);
            for (var v = journalLength + 1; v < journalLength + 11; v++) await writer.Journals.AppendAsync(journal, v, [Event]);
        }

        var tail = new List<double>();
        var full = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            using var fresh = NewStorage();
            var clock = Stopwatch.StartNew();
            var snapshot = await fresh.Journals.ReadSnapshotAsync(journal);
            var slice = await fresh.Journals.ReadAsync(journal, snapshot!.Version);
            tail.Add(clock.Elapsed.TotalMilliseconds);
            if (slice.Entries.Count != 10) throw new InvalidOperationException($"tail read returned {slice.Entries.Count} events, expected 10");

            using var replay = NewStorage();
            clock.Restart();
            var all = await replay.Journals.ReadAsync(journal, 0);
            full.Add(clock.Elapsed.TotalMilliseconds);
            if (all.Entries.Count != journalLength + 11) throw new InvalidOperationException($"full read returned {all.Entries.Count} events");
        }
        output.WriteLine($"journal of {journalLength + 11} events ({journalLength + 11} blocks): snapshot + tail read (10 events, byte range) " +
            $"p50 {Median(tail):0.00} ms; full replay from event 1 p50 {Median(full):0.00} ms");
    }

    private AzureClusterStorage NewStorage() => new(new AzureStorageOptions { ConnectionString = connectionString, Prefix = _prefix });

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> AppendAsync(IJournalStore journals, string journal, int count)
    {
        var latencies = new List<double>(count);
        var total = Stopwatch.StartNew();
        var clock = new Stopwatch();
        for (var version = 0L; version < count; version++)
        {
            clock.Restart();
            await journals.AppendAsync(journal, version, [Event]);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (latencies, total.Elapsed);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
