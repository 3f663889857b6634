using System.Text;
using Lens.Runtime;
using Lens.Runtime.Storage;
using Lens.Runtime.Storage.File;
using Lens.Runtime.Storage.InMemory;
using Lens.Runtime.Testing;

namespace Lens.Bench;

/// <summary>The figures: grain calls over 2 in-process silos (HTTP/2 between them), event appends per store.</summary>
internal static class ClusterBenchmarks
{
    private const int Workers = 32;

    public static async Task<List<string>> RunAllAsync(TimeSpan duration)
    {
        var lines = new List<string> { $"Lens cluster benchmark: {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per figure, {Workers} concurrent callers" };
        await using (var cluster = await StartAsync(fileStorage: false))
        {
            var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
            var local = await KeysHostedOnAsync(a.GrainFactory, a.Id, "local");
            var remote = await KeysHostedOnAsync(a.GrainFactory, b.Id, "remote");
            lines.Add(await Measurement.RunAsync("call, local (caller and grain on silo A)", Workers, duration, w => a.GrainFactory.GetGrain<IBenchGrain>(local[w]).Echo(w)));
            lines.Add(await Measurement.RunAsync("call, cross-silo (silo A -> silo B, HTTP/2)", Workers, duration, w => a.GrainFactory.GetGrain<IBenchGrain>(remote[w]).Echo(w)));
            lines.Add(await Measurement.RunAsync("call, external client -> silo (HTTP/2)", Workers, duration, w => cluster.Client.GetGrain<IBenchGrain>(remote[w]).Echo(w)));
            lines.Add(await Measurement.RunAsync("event append via grain, in-memory store", Workers, duration, w => a.GrainFactory.GetGrain<IBenchGrain>(local[w]).Append(w)));
        }
        await using (var cluster = await StartAsync(fileStorage: true))
        {
            var a = cluster.Silos[0];
            var local = await KeysHostedOnAsync(a.GrainFactory, a.Id, "file");
            lines.Add(await Measurement.RunAsync("event append via grain, file store (fsync)", Workers, duration, w => a.GrainFactory.GetGrain<IBenchGrain>(local[w]).Append(w)));
        }
        var root = Path.Combine(Path.GetTempPath(), "lens-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            lines.Add(await AppendsAsync("journal append, file store (fsync), 1 event", new FileJournalStore(root), duration));
            lines.Add(await AppendsAsync("journal append, file store (no fsync), 1 event", new FileJournalStore(root + "-nosync", durable: false), duration));
            lines.Add(await AppendsAsync("journal append, in-memory store, 1 event", new InMemoryJournalStore(), duration));
        }
        finally
        {
            foreach (var dir in new[] { root, root + "-nosync" }) if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, true);
        }
        return lines;
    }

    private static Task<TestCluster> StartAsync(bool fileStorage) => TestCluster.StartAsync(new TestClusterOptions
    {
        InitialSilos = 2,
        UseFileStorage = fileStorage,
        GrainAssemblies = [typeof(BenchGrain).Assembly],
        ConfigureSilo = o => o.MailboxCapacity = 10_000,
    });

    private static async Task<string[]> KeysHostedOnAsync(IGrainFactory factory, string siloId, string prefix)
    {
        var keys = new List<string>();
        for (var i = 0; keys.Count < Workers; i++)
        {
            var key = $"{prefix}{i}";
            if (await factory.GetGrain<IBenchGrain>(key).SiloId() == siloId) keys.Add(key);
        }
        return keys.ToArray();
    }

    private static Task<string> AppendsAsync(string name, IJournalStore store, TimeSpan duration)
    {
        var versions = new long[Workers];
        var payload = Encoding.UTF8.GetBytes("{\"type\":\"Lens.Bench.BenchEvent, ClusterBench\",\"data\":{\"value\":1}}");
        return Measurement.RunAsync(name, Workers, duration, async w => versions[w] = await store.AppendAsync($"bench/{name.GetHashCode():x}-{w}", versions[w], [payload]));
    }
}
