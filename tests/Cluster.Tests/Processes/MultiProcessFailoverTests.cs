using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace Lens.Cluster.Tests.Processes;

/// <summary>Two real silo processes and the web client process on Azure storage (Azurite); one silo gets SIGKILL mid-stream.</summary>
[Trait("Category", "Fault")]
public sealed class MultiProcessFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task KillingASiloProcessLosesNoAcknowledgedValueAndItsGrainsAnswerFromTheSurvivorWithinSeconds()
    {
        var first = _cluster.StartSilo("silo-a", models: "");
        var second = _cluster.StartSilo("silo-b", models: "");
        using var http = await _cluster.StartClientAsync("tester");
        await _cluster.WaitForLiveSilosAsync(http, 2);

        var clock = Stopwatch.StartNew();
        var streams = Enumerable.Range(0, 8).Select(i => new ProbeStream($"kill-{_cluster.ClusterId}-{i}", http, clock)).ToList();
        using var stop = new CancellationTokenSource();
        var running = streams.Select(s => Task.Run(() => s.RunAsync(stop.Token))).ToList();
        await WaitAsync(() => streams.All(s => s.Acknowledged.Count >= 5), "5 acknowledged calls per probe before the kill", streams);

        var hosts = streams.ToDictionary(s => s.Key, s => s.Acknowledged[^1].Silo);
        var victim = hosts.Values.Count(h => h.Contains($":{first.Environment["LENS_SILO_PORT"]}:", StringComparison.Ordinal)) >= hosts.Count / 2 ? first : second;
        var survivor = victim == first ? second : first;
        var victimPort = $":{victim.Environment["LENS_SILO_PORT"]}:";
        var orphans = streams.Where(s => hosts[s.Key].Contains(victimPort, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(orphans);
        var beforeKill = streams.ToDictionary(s => s.Key, s => s.Acknowledged.Count);

        var killedAt = clock.Elapsed;
        victim.Kill();
        var firstAnswers = await Task.WhenAll(orphans.Select(s => FirstAnswerAsync(http, s.Key, victimPort, clock)));

        await WaitAsync(() => streams.All(s => s.Acknowledged.Count >= beforeKill[s.Key] + 5), "5 more acknowledged calls per probe after the kill", streams);
        await stop.CancelAsync();
        await Task.WhenAll(running);

        var failover = firstAnswers.Select(at => at - killedAt).ToList();
        var resumed = orphans.Select(s => s.Acknowledged.First(a => a.At > killedAt && !a.Silo.Contains(victimPort, StringComparison.Ordinal)).At - killedAt).ToList();
        output.WriteLine($"kill -9 of {victim.Name} (hosting {orphans.Count} of {streams.Count} probes): first successful call on each of its probes after " +
            $"{string.Join(", ", failover.Select(f => $"{f.TotalSeconds:0.00}"))} s; slowest {failover.Max().TotalSeconds:0.00} s");
        output.WriteLine($"the sequential streams through the killed silo resumed after {string.Join(", ", resumed.Select(f => $"{f.TotalSeconds:0.00}"))} s " +
            "(a call in flight through the killed gateway waits for the client's response timeout)");
        foreach (var stream in streams)
        {
            output.WriteLine($"{stream.Key}: {stream.Acknowledged.Count} acknowledged, {stream.Failed.Count} failed {string.Join(" | ", stream.Failed.Select(f => f.Error).Distinct())}");
            var stored = (await http.GetFromJsonAsync<JsonElement>($"/api/cluster/probes/{stream.Key}"));
            var values = stored.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()).ToList();
            var acknowledged = stream.Acknowledged;
            var failed = stream.Failed.Select(f => f.Value).ToHashSet();
            Assert.True(values.SequenceEqual(values.Order()) && values.Distinct().Count() == values.Count, $"{stream.Key}: stored [{string.Join(",", values)}] is not strictly increasing");
            Assert.All(acknowledged, a => Assert.True(a.Count <= values.Count && values[(int)a.Count - 1] == a.Value,
                $"{stream.Key}: value {a.Value} acknowledged as #{a.Count}, stored [{string.Join(",", values)}]"));
            Assert.All(values.Where(v => acknowledged.All(a => a.Value != v)), v => Assert.Contains(v, failed));
            Assert.Contains($":{survivor.Environment["LENS_SILO_PORT"]}:", stored.GetProperty("silo").GetString(), StringComparison.Ordinal);
        }
        Assert.True(failover.Max() < TimeSpan.FromSeconds(10), $"grains of the killed silo took {failover.Max().TotalSeconds:0.00} s to answer again");
    }

    // New reads of the probe every 100 ms, each not waiting for the previous: when does the first one succeed on a live silo?
    private static async Task<TimeSpan> FirstAnswerAsync(HttpClient http, string key, string victimPort, Stopwatch clock)
    {
        var answered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = new List<Task>();
        while (!answered.Task.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            readers.Add(Task.Run(async () =>
            {
                try
                {
                    var record = await http.GetFromJsonAsync<JsonElement>($"/api/cluster/probes/{key}");
                    if (!record.GetProperty("silo").GetString()!.Contains(victimPort, StringComparison.Ordinal)) answered.TrySetResult(clock.Elapsed);
                }
                catch (HttpRequestException)
                {
                    // 503 while the cluster notices; the next read tries again.
                }
            }));
            await Task.WhenAny(answered.Task, Task.Delay(100));
        }
        var at = await answered.Task.WaitAsync(TimeSpan.FromSeconds(1));
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(90));
        return at;
    }

    private async Task WaitAsync(Func<bool> condition, string phase, List<ProbeStream> streams)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                var progress = string.Join("; ", streams.Select(s => $"{s.Key}: {s.Acknowledged.Count} ok, {s.Failed.Count} failed{(s.Failed.Count > 0 ? $" (last: {s.Failed[^1].Error})" : "")}"));
                throw new TimeoutException($"Timed out after 90 s waiting for {phase}. Streams: {progress}. Output:\n{_cluster.Output()}");
            }
            await Task.Delay(100);
        }
    }
}
