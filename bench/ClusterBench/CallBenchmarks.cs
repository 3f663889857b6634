using System.Diagnostics;
using System.Net;
using Lens.Silo.Hosting;
using Lens.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lens.Bench;

/// <summary>
/// Grain-call figures on two silos and a client in this process, wired as Lens silos and talking over TCP on
/// 127.0.0.1 (Orleans' in-process test cluster would use an in-memory transport).
/// </summary>
internal static class CallBenchmarks
{
    private const int Callers = 32;

    public static async Task<List<string>> RunAsync(TimeSpan duration)
    {
        var (siloA, gatewayA, siloB, gatewayB) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        using var a = await StartSiloAsync(siloA, gatewayA, siloA);
        using var b = await StartSiloAsync(siloB, gatewayB, siloA);
        using var client = await StartClientAsync(gatewayA, gatewayB);
        var grainsA = a.Services.GetRequiredService<IGrainFactory>();
        var clientGrains = client.Services.GetRequiredService<IGrainFactory>();
        var addressA = a.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
        var addressB = b.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
        var local = await KeysHostedOnAsync(grainsA, addressA, "local");
        var remote = await KeysHostedOnAsync(grainsA, addressB, "remote");
        return
        [
            await FromGrainsAsync("call, grain -> grain, same silo", grainsA, addressA, local, duration),
            await FromGrainsAsync("call, grain -> grain, cross-silo (TCP)", grainsA, addressA, remote, duration),
            await Measurement.RunAsync("call, external client -> silo (TCP)", Callers, duration, w => clientGrains.GetGrain<IEchoGrain>(remote[w]).Echo(w)),
        ];
    }

    private static async Task<string> FromGrainsAsync(string name, IGrainFactory home, string homeAddress, string[] targets, TimeSpan duration)
    {
        var callers = Enumerable.Range(0, Callers).Select(w => home.GetGrain<ICallerGrain>($"{name}-{w}")).ToArray();
        foreach (var caller in callers)
            if (await caller.Silo() != homeAddress) throw new InvalidOperationException($"a caller was placed off {homeAddress}");
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(callers.Select((caller, w) => caller.Run(targets[w], duration)));
        return Measurement.Format(name, Callers, clock.Elapsed, latencies);
    }

    private static async Task<IHost> StartSiloAsync(int siloPort, int gatewayPort, int primaryPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId: "lens", clusterId: "bench")
            .AddLensCluster([])
            .AddMemoryGrainStorageAsDefault());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IHost> StartClientAsync(params int[] gateways)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gateways, serviceId: "lens", clusterId: "bench").UseFastFailover());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<string[]> KeysHostedOnAsync(IGrainFactory factory, string silo, string prefix)
    {
        var keys = new List<string>();
        for (var i = 0; keys.Count < Callers; i++)
        {
            var key = $"{prefix}{i}";
            if (await factory.GetGrain<IEchoGrain>(key).Silo() == silo) keys.Add(key);
        }
        return [.. keys];
    }
}
