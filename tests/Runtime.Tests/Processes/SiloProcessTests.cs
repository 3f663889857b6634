using System.Collections.Concurrent;
using Lens.Runtime.Client;
using Lens.Runtime.EventSourcing;
using Lens.Runtime.Storage.File;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Processes;

[Trait("Category", "Fault")]
public sealed class SiloProcessTests : IDisposable
{
    private readonly string _data = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lens-proc-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try { System.IO.Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task KillingASiloProcessMidStreamLosesNoAcknowledgedEventAndGrainsResumeOnTheSurvivor()
    {
        using var first = SiloProcess.Start(_data);
        using var second = SiloProcess.Start(_data);
        var storage = new FileClusterStorage(_data);
        await using var client = new ClusterClient(storage, new ClusterClientOptions { RefreshPeriod = TimeSpan.FromMilliseconds(200), DeathTimeout = TimeSpan.FromSeconds(3) });
        await client.ConnectAsync();
        await Eventually.Until("both silo processes active", () => Task.FromResult(client.Silos.Count), n => n == 2, TimeSpan.FromSeconds(30), n => $"{n} silos");

        var keys = Enumerable.Range(0, 6).Select(i => Clusters.Key($"proc{i}")).ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => new ConcurrentQueue<long>());
        var failed = keys.ToDictionary(k => k, _ => new ConcurrentBag<long>());
        using var stop = new CancellationTokenSource();
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterKill = keys.ToDictionary(k => k, _ => 0);
        var load = keys.Select(key => Task.Run(async () =>
        {
            var grain = client.GetGrain<IJournalTestGrain>(key);
            for (long value = 1; !stop.IsCancellationRequested; value++)
            {
                try
                {
                    await grain.Append(value);
                    acknowledged[key].Enqueue(value);
                    if (killed.Task.IsCompleted) lock (afterKill) afterKill[key]++;
                }
                catch (GrainCallException)
                {
                    failed[key].Add(value);
                }
            }
        })).ToList();

        await Eventually.Until("load running", () => Task.FromResult(acknowledged.Values.Min(q => q.Count)), n => n >= 20, TimeSpan.FromSeconds(30), n => $"min {n} acknowledged per grain");
        var hosts = await Task.WhenAll(keys.Select(k => client.GetGrain<IJournalTestGrain>(k).WhoAmI()));
        var victim = hosts.Count(h => h.SiloId.StartsWith(first.IdPrefix, StringComparison.Ordinal)) >= keys.Length / 2 ? first : second;
        var survivor = victim == first ? second : first;
        victim.KillHard();
        killed.SetResult();

        await Eventually.Until("every grain appends again after the kill", () => Task.FromResult(afterKill.Values.ToList()), v => v.All(n => n >= 5), TimeSpan.FromSeconds(30),
            v => $"appends after kill per grain [{string.Join(",", v)}]");
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var key in keys)
        {
            var journal = (await storage.Journals.ReadAsync($"journaltest/{key}", 0)).Entries.Select(e => ((ValueAppended)JournalCodec.Decode(e.Payload)).Value).ToList();
            var acked = acknowledged[key].ToList();
            var allowed = acked.Concat(failed[key]).ToHashSet();
            Assert.True(journal.Distinct().Count() == journal.Count, $"grain {key}: duplicates in [{string.Join(",", journal)}]");
            Assert.True(journal.All(allowed.Contains), $"grain {key}: journal holds values never sent");
            Assert.True(journal.Where(acked.Contains).SequenceEqual(acked), $"grain {key}: acknowledged events missing or out of order; acked {acked.Count}, journal {journal.Count}");
            var who = await client.GetGrain<IJournalTestGrain>(key).WhoAmI();
            Assert.True(who.SiloId.StartsWith(survivor.IdPrefix, StringComparison.Ordinal), $"grain {key}: expected on survivor {survivor.IdPrefix}, found on {who.SiloId}");
        }
    }
}
