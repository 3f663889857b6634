using Lens.Grains.Placement;
using Lens.Storage.Hosting;
using Lens.Tests.Azurite;
using Lens.Grains.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lens.Bench;

/// <summary>One silo on 127.0.0.1 with the product grains and one model, journals in the project's file storage.</summary>
public sealed class BenchCluster : IAsyncDisposable
{
    public const string Model = "bench-model";
    private readonly IHost _host;

    private BenchCluster(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public ServedModel Served => _host.Services.GetRequiredService<LocalModels>().Get(Model);

    public static async Task<BenchCluster> StartAsync(string modelPath)
    {
        var root = Directory.CreateTempSubdirectory("lens-bench-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            var ports = FreePort.Many(2);
            silo.UseLocalhostClustering(ports[0], ports[1]);
            silo.AddLensFileStorage(Path.Combine(root, "data"));
            silo.AddModelPlacement([Model]);
        });
        builder.Services.AddSingleton<IReadOnlyList<ModelSource>>([new ModelSource(Model, modelPath)]);
        builder.Services.AddLensModelServing(o =>
        {
            o.ActivationDirectory = Path.Combine(root, "activations");
            o.MaxQueue = 64;
            o.MaxQueuePerUser = 16;
            o.MaxQueuedInspections = 256;
            o.Threads = int.Parse(Environment.GetEnvironmentVariable("BENCH_THREADS") ?? "1");
            o.MaxConcurrentInspections = int.Parse(Environment.GetEnvironmentVariable("BENCH_INSPECTIONS") ?? "1");
        });
        var host = builder.Build();
        await host.StartAsync();
        var cluster = new BenchCluster(host);
        _ = cluster.Served; // load the weights before anything is timed
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
