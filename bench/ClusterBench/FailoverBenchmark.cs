using System.Diagnostics;
using Lens.GrainInterfaces.Cluster;
using Lens.Silo.Configuration;
using Lens.Silo.Hosting;
using Lens.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lens.Bench;

/// <summary>
/// Failover as deployed: three silo processes on Azurite and an Orleans client here. Each round kills (SIGKILL) the
/// silo holding the most of 30 probe grains, then starts a read of each of its grains every 100 ms (none waiting for
/// the last) until one answers from another silo; the round's figure is the slowest grain. A new silo replaces the dead one.
/// </summary>
internal static class FailoverBenchmark
{
    public static async Task<string> RunAsync(int kills)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var clusterId = $"bench{Guid.NewGuid():N}"[..12];
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Start(azurite.ConnectionString, clusterId)).ToList();
        try
        {
            using var client = await StartClientAsync(azurite.ConnectionString, clusterId, silos.Count);
            var grains = client.Services.GetRequiredService<IGrainFactory>();
            var times = new List<double>();
            for (var round = 0; round < kills; round++)
            {
                var keys = Enumerable.Range(0, 30).Select(i => $"failover{round}-{i}").ToArray();
                var homes = await Task.WhenAll(keys.Select(k => grains.GetGrain<IProbeGrain>(k).Ping()));
                var victim = silos.MaxBy(s => homes.Count(h => h.Contains($":{s.SiloPort}:", StringComparison.Ordinal)))!;
                var victimPort = $":{victim.SiloPort}:";
                var orphans = keys.Where((_, i) => homes[i].Contains(victimPort, StringComparison.Ordinal)).ToArray();
                var clock = Stopwatch.StartNew();
                victim.Kill();
                var answered = await Task.WhenAll(orphans.Select(k => FirstAnswerAsync(grains, k, victimPort, clock)));
                times.Add(answered.Max().TotalSeconds);
                silos.Remove(victim);
                victim.Dispose();
                silos.Add(SiloProcess.Start(azurite.ConnectionString, clusterId));
                await WaitForSilosAsync(grains, silos.Count);
            }
            var sorted = times.Order().ToList();
            return $"failover, kill -9 of 1 of 3 silo processes (Azurite), {kills} kills: median {sorted[sorted.Count / 2]:0.00} s, each [{string.Join(", ", times.Select(t => t.ToString("0.00")))}] s";
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose(); // before Azurite stops
        }
    }

    private static async Task<TimeSpan> FirstAnswerAsync(IGrainFactory grains, string key, string victimPort, Stopwatch clock)
    {
        var answered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!answered.Task.IsCompleted)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"grain {key} did not answer from a live silo within 2 minutes");
            _ = Task.Run(async () =>
            {
                try
                {
                    if (!(await grains.GetGrain<IProbeGrain>(key).Ping()).Contains(victimPort, StringComparison.Ordinal)) answered.TrySetResult(clock.Elapsed);
                }
                catch (Exception)
                {
                    // Not yet: a later read tries again.
                }
            });
            await Task.WhenAny(answered.Task, Task.Delay(100));
        }
        return await answered.Task;
    }

    private static async Task<IHost> StartClientAsync(string connection, string clusterId, int silos)
    {
        var settings = new LensSettings(StorageKind.Azure, connection, Path.GetTempPath(), clusterId, 1, 2, System.Net.IPAddress.Loopback, null, []);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client => client.UseLensClustering(settings).UseFastFailover()
            .UseConnectionRetryFilter(async (_, token) => { await Task.Delay(500, token); return true; }));
        var host = builder.Build();
        await host.StartAsync();
        await WaitForSilosAsync(host.Services.GetRequiredService<IGrainFactory>(), silos);
        return host;
    }

    private static async Task WaitForSilosAsync(IGrainFactory grains, int count)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(120); await Task.Delay(250))
        {
            try
            {
                var silos = await grains.GetGrain<IClusterViewGrain>(0).GetSilos();
                if (silos.Count(s => s.IsActive) >= count) return;
            }
            catch (Exception)
            {
                // The cluster is still forming.
            }
        }
        throw new TimeoutException($"{count} silos did not become active within 120 s");
    }
}
