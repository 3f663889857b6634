using Orleans.TestingHost;

namespace Lens.Storage.Tests.Grains;

/// <summary>A one-silo Orleans cluster in this process with the storage under test; killed or stopped, then started anew on the same storage.</summary>
internal sealed class LensCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private bool _ended;

    private LensCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    /// <summary>The silo's services (its journal, its grain storage).</summary>
    public IServiceProvider Silo => _cluster.Silos[0].ServiceProvider;

    /// <summary>Starts a cluster; clusters that share <paramref name="serviceId"/> see the same reminders (Azure rows are keyed by it).</summary>
    public static async Task<LensCluster> StartAsync(string serviceId, Action<ISiloBuilder> storage)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) => storage(silo));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LensCluster(cluster);
    }

    /// <summary>Ends the silo abruptly: no deactivation, nothing flushed that was not already acknowledged.</summary>
    public async Task KillAsync()
    {
        _ended = true;
        await _cluster.KillSiloAsync(_cluster.Silos[0]);
        await _cluster.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended) return;
        _ended = true;
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
