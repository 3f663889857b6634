using System.Diagnostics;
using System.Text;
using Lens.Storage.Journals;

namespace Lens.JournalBench;

/// <summary>Appends through one <see cref="IEventJournal"/> the way journaled grains confirm events: one event per append, each awaited.</summary>
internal sealed class JournalBenchmark(string name, Func<IEventJournal> open, TextWriter output)
{
    // A typical event: a small serialized record.
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"kind\":\"TokenGenerated\",\"position\":1234,\"token\":\" the\",\"logit\":12.75,\"at\":\"2026-11-22T08:00:00Z\"}");

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>One stream, one writer, each append waiting for the previous.</summary>
    public async Task SequentialAsync(int count)
    {
        var journal = open();
        await AppendAsync(journal, $"bench/{_run}/warmup", 50);
        var (latencies, elapsed) = await AppendAsync(journal, $"bench/{_run}/sequential", count);
        output.WriteLine($"{name,-6} 1 stream, sequential:    {LatencySummary.Of(latencies, elapsed)}");
    }

    /// <summary>Many streams at once (independent grains), each appending sequentially.</summary>
    public async Task ConcurrentAsync(int streams, int countEach)
    {
        var journal = open();
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, streams).Select(s => Task.Run(() => AppendAsync(journal, $"bench/{_run}/concurrent-{s}", countEach))));
        output.WriteLine($"{name,-6} {streams} streams, concurrent: {LatencySummary.Of(runs.SelectMany(r => r.Latencies).ToList(), clock.Elapsed)}");
    }

    /// <summary>An activation on a cold journal: the snapshot and a 10-event tail, against a stream without a snapshot.</summary>
    public async Task ColdReadAsync(int length)
    {
        var withSnapshot = $"bench/{_run}/snapshotted";
        var withoutSnapshot = $"bench/{_run}/unsnapshotted";
        var writer = open();
        await AppendAsync(writer, withSnapshot, length);
        await writer.WriteSnapshotAsync(withSnapshot, length - 10, Payload);
        await AppendAsync(writer, withoutSnapshot, length);

        var tail = new List<double>();
        var full = new List<double>();
        for (var round = 0; round < 10; round++)
        {
            var clock = Stopwatch.StartNew();
            var read = await open().ReadAsync(withSnapshot);
            tail.Add(clock.Elapsed.TotalMilliseconds);
            if (read.Events.Count != 10) throw new InvalidOperationException($"{name}: snapshot + tail read returned {read.Events.Count} events, expected 10");
            clock.Restart();
            read = await open().ReadAsync(withoutSnapshot);
            full.Add(clock.Elapsed.TotalMilliseconds);
            if (read.Events.Count != length) throw new InvalidOperationException($"{name}: full read returned {read.Events.Count} events, expected {length}");
        }
        output.WriteLine($"{name,-6} cold read of {length} events: snapshot + 10-event tail p50 {Median(tail):0.00} ms; no snapshot (all {length}) p50 {Median(full):0.00} ms");
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> AppendAsync(IEventJournal journal, string stream, int count)
    {
        var latencies = new List<double>(count);
        var total = Stopwatch.StartNew();
        var clock = new Stopwatch();
        for (var version = 0L; version < count; version++)
        {
            clock.Restart();
            await journal.AppendAsync(stream, version, [new JournalRecord(Guid.NewGuid(), Payload)]);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (latencies, total.Elapsed);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
