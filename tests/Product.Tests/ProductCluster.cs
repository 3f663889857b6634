using Lens.Grains.Placement;
using Lens.Storage.Hosting;
using Lens.Grains.Models;
using Lens.Grains.Models.Serving;
using Lens.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Lens.Product.Tests;

/// <summary>
/// A real in-process Orleans cluster whose silos hold stories260K and serve it with <paramref name="configure"/>'s
/// options (and a <see cref="BrokenModel"/> without weights); journals and grain state in the project's file storage under one folder shared by the silos.
/// Every silo's forward pass goes through a <see cref="GatedForward"/>, open unless a test closes it.
/// </summary>
public abstract class ProductCluster(int silos, Action<ModelServingOptions> configure) : IAsyncLifetime
{
    public const string Model = "stories260K";

    /// <summary>A model the silos are configured with but whose weights are missing.</summary>
    public const string BrokenModel = "broken";

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public GatedForward Gate { get; } = new();
    public string ActivationDirectory { get; } = TestPaths.TempFolder("activations");
    public string DataDirectory { get; } = TestPaths.TempFolder("lens-data");

    public async Task InitializeAsync()
    {
        var models = new List<ModelSource> { new(Model, TestPaths.Stories260KHf), new(BrokenModel, Path.Combine(DataDirectory, "no-such-weights")) };
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddLensFileStorage(DataDirectory);
            silo.AddModelPlacement(models.Select(m => m.Name));
            silo.Services.AddSingleton<IReadOnlyList<ModelSource>>(models);
            silo.Services.AddSingleton<IBatchedForward>(Gate);
            silo.Services.AddLensModelServing(o =>
            {
                o.ActivationDirectory = Path.Combine(ActivationDirectory, options.SiloName);
                o.ReportInterval = TimeSpan.FromMilliseconds(200);
                o.Threads = 1;
                configure(o);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        Gate.Open();
        await Cluster.DisposeAsync();
    }

    /// <summary>The model as loaded on the silo at <paramref name="index"/>.</summary>
    public ServedModel Served(int index = 0) =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[index].SiloAddress).GetRequiredService<LocalModels>().Get(Model);
}

/// <summary>One silo with the default serving options.</summary>
public sealed class DefaultCluster() : ProductCluster(1, _ => { });

/// <summary>One silo that decodes one stream at a time and queues little: back-pressure and fairness are visible.</summary>
public sealed class NarrowCluster() : ProductCluster(1, o => { o.MaxBatch = 1; o.MaxQueue = 3; o.MaxQueuePerUser = 3; });

[CollectionDefinition(nameof(DefaultCluster))]
public sealed class DefaultClusterCollection : ICollectionFixture<DefaultCluster>;

[CollectionDefinition(nameof(NarrowCluster))]
public sealed class NarrowClusterCollection : ICollectionFixture<NarrowCluster>;

/// <summary>Two silos that both hold stories260K.</summary>
public sealed class TwoSiloCluster() : ProductCluster(2, _ => { });

[CollectionDefinition(nameof(TwoSiloCluster))]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloCluster>;
