using System.Diagnostics;
using Lens.Runtime.Azure.Probe;
using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Client;
using Lens.Runtime.EventSourcing;
using Lens.Runtime.Storage;
using Xunit.Abstractions;

namespace Lens.Runtime.Azure.Tests.Cluster;

/// <summary>Real silo processes on Azure storage (Azurite); one is killed with SIGKILL.</summary>
[Trait("Category", "Fault")]
public sealed class SiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AzuriteServer? _azurite;

    private AzuriteServer Azurite => _azurite!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();

    [Fact]
    public async Task AKilledSiloIsDeclaredDeadInTheAzureMembershipTableWhileTheSurvivorStaysActive()
    {
        using var storage = new AzureClusterStorage(new AzureStorageOptions { ConnectionString = Azurite.ConnectionString });
        await using var victim = SiloProcess.Start(Azurite.ConnectionString, "model:stories260K");
        await using var survivor = SiloProcess.Start(Azurite.ConnectionString);
        await WaitForAsync(storage, s => Status(s, victim) == SiloStatus.Active && Status(s, survivor) == SiloStatus.Active,
            "both silos Active in the membership table", victim, survivor);
        var before = await storage.Membership.ReadAllAsync();
        Assert.Equal(["model:stories260K"], Row(before, victim)!.Capabilities);

        victim.Kill();

        var after = await WaitForAsync(storage, s => Status(s, victim) == SiloStatus.Dead, "the killed silo's row Dead", victim, survivor);
        Assert.Equal(SiloStatus.Active, Status(after, survivor));
        Assert.True(after.Version.Version > before.Version.Version, $"table version {before.Version.Version} -> {after.Version.Version}");
        Assert.True(survivor.IsRunning, survivor.Output);
        var beat = Row(after, survivor)!.HeartbeatTime;
        await WaitForAsync(storage, s => Row(s, survivor)!.HeartbeatTime > beat, "a fresh heartbeat of the survivor", victim, survivor);
    }

    [Fact]
    public async Task CallsStreamingThroughAKilledSiloAreJournaledExactlyOnceInOrderAndGrainsResumeOnTheSurvivor()
    {
        using var storage = new AzureClusterStorage(new AzureStorageOptions { ConnectionString = Azurite.ConnectionString });
        await using var victim = SiloProcess.Start(Azurite.ConnectionString, "model:stories260K");
        await using var survivor = SiloProcess.Start(Azurite.ConnectionString);
        var joined = await WaitForAsync(storage, s => Status(s, victim) == SiloStatus.Active && Status(s, survivor) == SiloStatus.Active,
            "both silos Active in the membership table", victim, survivor);
        var victimId = Row(joined, victim)!.SiloId;
        var survivorId = Row(joined, survivor)!.SiloId;

        using var clientStorage = new AzureClusterStorage(new AzureStorageOptions { ConnectionString = Azurite.ConnectionString });
        await using var client = new ClusterClient(clientStorage, new ClusterClientOptions { DefaultCallTimeout = TimeSpan.FromSeconds(10) });
        await client.ConnectAsync();
        var streams = Enumerable.Range(0, 8).Select(i => $"kill-{i}").Select(key => new ProbeStream(key, client.GetGrain<IStorageProbeGrain>(key))).ToList();
        using var stop = new CancellationTokenSource();
        var running = streams.Select(s => Task.Run(() => s.RunAsync(stop.Token))).ToList();

        await WaitUntilAsync(() => streams.All(s => s.Acknowledged.Count >= 5), "5 acknowledged calls per grain before the kill", streams, victim, survivor);
        var hosts = await Task.WhenAll(streams.Select(s => client.GetGrain<IStorageProbeGrain>(s.Key).GetSiloId()));
        Assert.Contains(victimId, hosts);
        var beforeKill = streams.ToDictionary(s => s.Key, s => s.Acknowledged.Count);

        victim.Kill();

        await WaitUntilAsync(() => streams.All(s => s.Acknowledged.Count >= beforeKill[s.Key] + 5), "5 more acknowledged calls per grain after the kill", streams, victim, survivor);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        output.WriteLine($"victim hosted {hosts.Count(h => h == victimId)} of {streams.Count} grains");
        foreach (var stream in streams)
        {
            output.WriteLine($"{stream.Key}: {stream.Acknowledged.Count} acknowledged, {stream.Failed.Count} failed: " +
                string.Join(" | ", stream.Failed.Select(f => f.Error is GrainCallException g ? $"{g.Kind}: {g.Message}" : f.Error.Message).Distinct()));
        }

        foreach (var stream in streams)
        {
            var journal = await storage.Journals.ReadAsync($"storageprobe/{stream.Key}", 0);
            var values = journal.Entries.Select(e => ((ProbeRecorded)JournalCodec.Decode(e.Payload)).Value).ToList();
            var acknowledged = stream.Acknowledged;
            var failed = stream.Failed.Select(f => f.Value).ToHashSet();

            Assert.Equal(Enumerable.Range(1, values.Count).Select(i => (long)i), journal.Entries.Select(e => e.Sequence));
            Assert.True(values.SequenceEqual(values.Order()) && values.Distinct().Count() == values.Count, $"{stream.Key}: journal [{string.Join(",", values)}] is not strictly increasing");
            Assert.All(acknowledged, a => Assert.True(a.Version <= values.Count && values[(int)a.Version - 1] == a.Value,
                $"{stream.Key}: value {a.Value} acknowledged at version {a.Version}, journal [{string.Join(",", values)}]"));
            Assert.All(values.Where(v => acknowledged.All(a => a.Value != v)), v => Assert.Contains(v, failed));
            Assert.Equal(values, await client.GetGrain<IStorageProbeGrain>(stream.Key).GetRecorded());
            Assert.Equal(survivorId, await client.GetGrain<IStorageProbeGrain>(stream.Key).GetSiloId());
            Assert.All(stream.Failed, f => Assert.False(string.IsNullOrWhiteSpace(f.Error.Message)));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string phase, List<ProbeStream> streams, params SiloProcess[] silos)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                var progress = string.Join("; ", streams.Select(s => $"{s.Key}: {s.Acknowledged.Count} ok, {s.Failed.Count} failed{(s.Failed.Count > 0 ? $" (last: {s.Failed[^1].Error.Message})" : "")}"));
                throw new TimeoutException($"Timed out after 90 s waiting for {phase}. Streams: {progress}. Silo output:\n{string.Join("\n---\n", silos.Select(s => s.Output))}");
            }
            await Task.Delay(100);
        }
    }

    internal static SiloRow? Row(MembershipSnapshot snapshot, SiloProcess silo) =>
        snapshot.Entries.Select(e => e.Row).Where(r => r.Address.TrimEnd('/') == silo.Address.TrimEnd('/')).MaxBy(r => r.StartTime);

    internal static SiloStatus? Status(MembershipSnapshot snapshot, SiloProcess silo) => Row(snapshot, silo)?.Status;

    internal static async Task<MembershipSnapshot> WaitForAsync(AzureClusterStorage storage, Func<MembershipSnapshot, bool> condition, string phase, params SiloProcess[] silos)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = await storage.Membership.ReadAllAsync();
            if (condition(snapshot)) return snapshot;
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                var rows = string.Join("; ", snapshot.Entries.Select(e => $"{e.Row.Address} {e.Row.Status} beat {e.Row.HeartbeatTime:HH:mm:ss}"));
                var output = string.Join("\n---\n", silos.Select(s => s.Output));
                throw new TimeoutException($"Timed out after 90 s waiting for {phase}. Membership: [{rows}]. Silo output:\n{output}");
            }
            await Task.Delay(250);
        }
    }
}
