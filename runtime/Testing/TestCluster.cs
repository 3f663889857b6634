using Lens.Runtime.Client;
using Lens.Runtime.Hosting;
using Lens.Runtime.Messaging;
using Lens.Runtime.Storage;
using Lens.Runtime.Storage.File;
using Lens.Runtime.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lens.Runtime.Testing;

/// <summary>
/// Several silos in one process (each its own Kestrel on a free 127.0.0.1 port) over one shared storage,
/// plus an external client. Silos can be added, stopped gracefully, or killed (no goodbye, no more storage
/// writes), like Orleans' TestCluster.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<TestSilo> _silos = [];
    private readonly bool _ownsDirectory;
    private ClusterClient? _client;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        _ownsDirectory = options.UseFileStorage && options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "lens-test-" + Guid.NewGuid().ToString("N"));
        Storage = options.UseFileStorage ? new FileClusterStorage(DataDirectory) : new InMemoryClusterStorage();
    }

    /// <summary>The shared storage (no faults injected at this level).</summary>
    public IClusterStorage Storage { get; }

    /// <summary>Where the file store keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>Silos that are alive.</summary>
    public IReadOnlyList<TestSilo> Silos
    {
        get { lock (_silos) return _silos.Where(s => s.IsAlive).ToList(); }
    }

    /// <summary>An external client connected through the membership table.</summary>
    public ClusterClient Client => _client ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>Starts the initial silos and the client.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions options)
    {
        var cluster = new TestCluster(options);
        for (var i = 0; i < options.InitialSilos; i++) await cluster.StartSiloAsync();
        cluster._client = new ClusterClient(cluster.Storage, new ClusterClientOptions { RefreshPeriod = TimeSpan.FromMilliseconds(200), DeathTimeout = TimeSpan.FromSeconds(3) });
        await cluster._client.ConnectAsync();
        return cluster;
    }

    /// <summary>Starts one more silo.</summary>
    public async Task<TestSilo> StartSiloAsync(params string[] capabilities)
    {
        var faults = new StorageFaults();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.AddLensSilo(options =>
        {
            TestClusterOptions.ApplyTestTimings(options);
            options.GrainAssemblies.AddRange(_options.GrainAssemblies);
            options.Capabilities.AddRange(capabilities);
            _options.ConfigureSilo?.Invoke(options);
        });
        builder.Services.UseStorage(new FaultInjectingStorage(Storage, faults));
        var app = builder.Build();
        app.MapLensSilo();
        await app.StartAsync();
        var silo = new TestSilo(app, faults);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully: its grains deactivate and it leaves the membership table.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        await silo.App.StopAsync();
        silo.Removed = true;
        await silo.App.DisposeAsync();
    }

    /// <summary>Kills a silo: no deactivation, no membership update, no storage access from now on, connections dropped.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        if (silo.Removed) return;
        silo.Removed = true;
        silo.Faults.Killed = true;
        silo.App.Services.GetRequiredService<SiloLifecycle>().Kill();
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await silo.App.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
            // Abrupt stop is the point.
        }
        await silo.App.DisposeAsync();
    }

    /// <summary>Waits until every live silo's membership view marks <paramref name="siloId"/> dead.</summary>
    public async Task WaitUntilDeadAsync(string siloId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await Storage.Membership.ReadAllAsync();
            if (snapshot.Entries.Any(e => e.Row.SiloId == siloId && e.Row.Status == SiloStatus.Dead)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Phase 'death detection': silo {siloId} was not declared dead within {timeout}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every live silo's membership view lists exactly the live silos (placement sees them all).</summary>
    public async Task WaitForViewsToConvergeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var live = Silos.Select(s => s.Id).Order().ToList();
            var lagging = Silos.Where(s => !s.ActiveSilosInView.Order().SequenceEqual(live)).Select(s => $"{s.Id} sees [{string.Join(", ", s.ActiveSilosInView)}]").ToList();
            if (lagging.Count == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Phase 'membership views converge': live silos [{string.Join(", ", live)}] but {string.Join("; ", lagging)}.");
            await Task.Delay(20);
        }
    }

    /// <summary>How many live silos hold a valid activation of <paramref name="grainId"/>.</summary>
    public int CountActivations(GrainId grainId) => Silos.Count(s => s.ActivationIds.Contains(grainId));

    /// <summary>Creates a second activation of a grain on <paramref name="silo"/>, bypassing the directory (split-brain hook).</summary>
    public async Task<TGrain> CreateRogueActivationAsync<TGrain>(TestSilo silo, string key) where TGrain : IGrainWithStringKey
    {
        var grainInterface = Catalog.GrainInterface.For(typeof(TGrain));
        var grainId = new GrainId(grainInterface.TypeName, key);
        var types = silo.App.Services.GetRequiredService<Catalog.GrainTypes>();
        if (!types.TryGet(grainId.Type, out var grainClass)) throw new InvalidOperationException($"Unknown grain type {grainId.Type}.");
        var activation = await silo.Catalog.ActivateUnregisteredAsync(grainId, grainClass, CancellationToken.None);
        var router = new RogueActivationRouter(activation, silo.App.Services.GetRequiredService<Catalog.GrainInvoker>());
        var calls = new OutboundCalls(router, new SiloTransport(TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(10));
        return (TGrain)GrainProxy.Create(typeof(TGrain), grainId, calls);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        List<TestSilo> all;
        lock (_silos) all = _silos.ToList();
        foreach (var silo in all) await KillSiloAsync(silo);
        if (_ownsDirectory)
        {
            try { System.IO.Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
