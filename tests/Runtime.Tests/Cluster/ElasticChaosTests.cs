using System.Collections.Concurrent;
using Lens.Runtime.EventSourcing;
using Lens.Runtime.Testing;
using Lens.Runtime.Tests.Grains;
using Xunit.Abstractions;

namespace Lens.Runtime.Tests.Cluster;

[Trait("Category", "Fault")]
public sealed class ElasticChaosTests(ITestOutputHelper output)
{
    private const int Grains = 8;

    [Fact]
    public async Task UnderLoadSilosJoinStopAndDieWhileJournalsHoldExactlyTheAcknowledgedEvents()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("LENS_CHAOS_SECONDS"), out var s) ? s : 20;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"chaos: {seconds} s, seed {seed}");
        await using var cluster = await Clusters.StartAsync(silos: 2);
        var keys = Enumerable.Range(0, Grains).Select(i => Clusters.Key($"chaos{i}")).ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => new ConcurrentQueue<long>());
        var unknown = keys.ToDictionary(k => k, _ => new ConcurrentBag<long>());
        var gate = new PauseGate(Grains);
        var errors = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var workers = keys.Select(key => Task.Run(() => WorkAsync(cluster, key, gate, acknowledged[key], unknown[key], errors, stop.Token))).ToList();

        var changes = 0;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(random.Next(1000, 2500));
            if (stop.IsCancellationRequested) break;
            var change = await ChangeAsync(cluster, random);
            changes++;
            await gate.CloseAsync().Within(TimeSpan.FromSeconds(60), $"quiesce after change {changes} ({change})");
            await CheckIntegrityAsync(cluster, keys, acknowledged, unknown, $"after change {changes} ({change})");
            output.WriteLine($"change {changes}: {change}; live silos {cluster.Silos.Count}; acknowledged {acknowledged.Values.Sum(q => q.Count)}, unknown {unknown.Values.Sum(b => b.Count)}");
            gate.Open();
        }
        await Task.WhenAll(workers).Within(TimeSpan.FromSeconds(60), "workers finish");
        foreach (var error in errors.Take(5)) output.WriteLine($"failed call: {error}");
        await CheckIntegrityAsync(cluster, keys, acknowledged, unknown, "final");
        foreach (var key in keys)
        {
            var values = await cluster.Client.GetGrain<IJournalTestGrain>(key).GetValues();
            var journal = await JournalValuesAsync(cluster, key);
            Assert.True(journal.SequenceEqual(values), $"grain {key}: activation state [{string.Join(",", values)}] differs from its journal [{string.Join(",", journal)}]");
        }
        Assert.True(changes >= 3, $"expected at least 3 membership changes, made {changes}");
        Assert.True(acknowledged.Values.All(q => q.Count > 0), "every grain should have acknowledged events under load");
    }

    private static async Task WorkAsync(TestCluster cluster, string key, PauseGate gate, ConcurrentQueue<long> acknowledged, ConcurrentBag<long> unknown, ConcurrentBag<string> errors, CancellationToken stop)
    {
        try
        {
            var grain = cluster.Client.GetGrain<IJournalTestGrain>(key);
            for (long value = 1; !stop.IsCancellationRequested; value++)
            {
                await gate.PassAsync();
                try
                {
                    await grain.Append(value);
                    acknowledged.Enqueue(value);
                }
                catch (GrainCallException ex)
                {
                    unknown.Add(value); // failed clearly; it may or may not be in the journal
                    errors.Add($"{ex.Kind}: {ex.Message}");
                }
            }
        }
        finally
        {
            gate.Leave();
        }
    }

    private static async Task<string> ChangeAsync(TestCluster cluster, Random random)
    {
        var live = cluster.Silos;
        var options = new List<string>();
        if (live.Count < 4) options.Add("add");
        if (live.Count > 1) options.AddRange(["stop", "kill"]);
        var change = options[random.Next(options.Count)];
        switch (change)
        {
            case "add":
                var added = await cluster.StartSiloAsync();
                return $"added {added.Id}";
            case "stop":
                var stopped = live[random.Next(live.Count)];
                await cluster.StopSiloAsync(stopped);
                return $"stopped {stopped.Id}";
            default:
                var killed = live[random.Next(live.Count)];
                var id = killed.Id;
                await cluster.KillSiloAsync(killed);
                return $"killed {id}";
        }
    }

    private static async Task CheckIntegrityAsync(TestCluster cluster, string[] keys, Dictionary<string, ConcurrentQueue<long>> acknowledged, Dictionary<string, ConcurrentBag<long>> unknown, string phase)
    {
        foreach (var key in keys)
        {
            var journal = await JournalValuesAsync(cluster, key);
            var acked = acknowledged[key].ToList();
            var allowed = acked.Concat(unknown[key]).ToHashSet();
            Assert.True(journal.Distinct().Count() == journal.Count, $"{phase}, grain {key}: duplicate events in journal [{string.Join(",", journal)}]");
            Assert.True(journal.All(allowed.Contains), $"{phase}, grain {key}: journal has events nobody appended: [{string.Join(",", journal.Where(v => !allowed.Contains(v)))}]");
            Assert.True(journal.Where(acked.Contains).SequenceEqual(acked), $"{phase}, grain {key}: acknowledged [{string.Join(",", acked)}] but journal holds [{string.Join(",", journal)}]");
            var activations = cluster.CountActivations(new GrainId("journaltest", key));
            Assert.True(activations <= 1, $"{phase}, grain {key}: expected at most 1 activation, found {activations}");
        }
    }

    private static async Task<List<long>> JournalValuesAsync(TestCluster cluster, string key) =>
        (await cluster.Storage.Journals.ReadAsync($"journaltest/{key}", 0)).Entries.Select(e => ((ValueAppended)JournalCodec.Decode(e.Payload)).Value).ToList();
}
