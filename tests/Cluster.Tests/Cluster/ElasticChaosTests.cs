using System.Collections.Concurrent;
using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Lens.Cluster.Tests.Cluster;

/// <summary>Silos join, leave and die under load; LENS_CHAOS_SECONDS sets the length (20 s in CI).</summary>
[Trait("Category", "Fault")]
public sealed class ElasticChaosTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    [Fact]
    public async Task UnderLoadSilosJoinStopAndDieWhileEveryAcknowledgedValueStaysAndNoGrainRunsTwice()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("LENS_CHAOS_SECONDS"), out var s) ? s : 20;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"chaos: {seconds} s, seed {seed}");
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var keys = Enumerable.Range(0, Workers).Select(i => TestClusters.Key($"chaos{i}")).ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => new ConcurrentQueue<long>());
        var unknown = keys.ToDictionary(k => k, _ => new ConcurrentBag<long>());
        var errors = new ConcurrentBag<string>();
        var gate = new PauseGate(Workers);
        using var stop = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var workers = keys.Select(key => Task.Run(() => WorkAsync(cluster, key, gate, acknowledged[key], unknown[key], errors, stop.Token))).ToList();

        var changes = 0;
        // At least three changes, however long quiescing takes (a call in flight through a killed gateway waits
        // for the client's response timeout).
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds) || changes < 3)
        {
            await Task.Delay(random.Next(1000, 2500));
            var change = await ChangeAsync(cluster, random);
            changes++;
            await gate.CloseAsync().Within(TimeSpan.FromSeconds(90), $"quiesce after change {changes} ({change})");
            foreach (var key in keys)
                await Ledgers.AssertIntactAsync(cluster, key, [.. acknowledged[key]], [.. unknown[key]], $"after change {changes} ({change})");
            output.WriteLine($"change {changes}: {change}; live silos {cluster.LiveSilos().Count}; acknowledged {acknowledged.Values.Sum(q => q.Count)}, failed {unknown.Values.Sum(b => b.Count)}");
            gate.Open();
        }
        await stop.CancelAsync();
        await Task.WhenAll(workers).Within(TimeSpan.FromSeconds(90), "workers finish");
        foreach (var error in errors.Distinct().Take(5)) output.WriteLine($"failed call: {error}");
        foreach (var key in keys) await Ledgers.AssertIntactAsync(cluster, key, [.. acknowledged[key]], [.. unknown[key]], "final");
        Assert.True(acknowledged.Values.All(q => q.Count > 0), "every ledger should have acknowledged values under load");
    }

    private static async Task WorkAsync(InProcessTestCluster cluster, string key, PauseGate gate, ConcurrentQueue<long> acknowledged, ConcurrentBag<long> unknown, ConcurrentBag<string> errors, CancellationToken stop)
    {
        try
        {
            var grain = cluster.Client.GetGrain<ILedgerGrain>(key);
            for (long value = 1; !stop.IsCancellationRequested; value++)
            {
                await gate.PassAsync();
                try
                {
                    await grain.Append(value);
                    acknowledged.Enqueue(value);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException or Orleans.Storage.InconsistentStateException)
                {
                    unknown.Add(value); // failed clearly; it may or may not be stored
                    errors.Add($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }
            }
        }
        finally
        {
            gate.Leave();
        }
    }

    private static async Task<string> ChangeAsync(InProcessTestCluster cluster, Random random)
    {
        var live = cluster.Silos.Where(s => s.IsActive).ToList();
        var options = new List<string>();
        if (live.Count < 4) options.Add("add");
        if (live.Count > 1) options.AddRange(["stop", "kill"]);
        var change = options[random.Next(options.Count)];
        switch (change)
        {
            case "add":
                var added = await cluster.StartAdditionalSiloAsync();
                return $"added {added.SiloAddress}";
            case "stop":
                var stopped = live[random.Next(live.Count)];
                await cluster.StopSiloAsync(stopped);
                return $"stopped {stopped.SiloAddress}";
            default:
                var killed = live[random.Next(live.Count)];
                await cluster.KillSiloAsync(killed);
                return $"killed {killed.SiloAddress}";
        }
    }
}
