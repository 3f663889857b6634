using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;
using Lens.Grains.Placement;
using Lens.Grains.Research;
using Lens.Storage.Hosting;
using Lens.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Lens.Product.Tests;

/// <summary>
/// One real in-process silo that both serves chat and runs research, as a production silo does: stories260K, a model
/// whose folder is missing, and one whose folder exists but is empty until a test fills it.
/// </summary>
public sealed class ServingAndResearchCluster : IAsyncLifetime
{
    public const string Missing = "missing";
    public const string Fixable = "fixable";
    /// <summary>stories260K under a name no test chats with: only research runs load it.</summary>
    public const string ResearchOnly = "research-only";

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public string DataDirectory { get; } = TestPaths.TempFolder("serving-and-research");
    public string FixableFolder => Path.Combine(DataDirectory, "fixable-model");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FixableFolder);
        var models = new List<ModelSource>
        {
            new(ProductCluster.Model, TestPaths.Stories260KHf),
            new(Missing, Path.Combine(DataDirectory, "no-such-weights")),
            new(Fixable, FixableFolder),
            new(ResearchOnly, TestPaths.Stories260KHf),
        };
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLensFileStorage(Path.Combine(DataDirectory, "storage"));
            silo.AddModelPlacement(models.Select(m => m.Name));
            silo.Services.AddSingleton<IReadOnlyList<ModelSource>>(models);
            silo.Services.AddLensModelServing(o =>
            {
                o.ActivationDirectory = Path.Combine(DataDirectory, "activations");
                o.Threads = 1;
            });
            silo.AddLensResearch(o =>
            {
                o.OutputDirectory = Path.Combine(DataDirectory, "research");
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public T Service<T>() where T : notnull => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<T>();

    public IResearchRunGrain Run(string id) => Grains.GetGrain<IResearchRunGrain>(id);

    /// <summary>Polls the run until it has stopped, failing after two minutes with its last state.</summary>
    public async Task<ResearchRunInfo> Finished(string id)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        ResearchRunInfo? last = null;
        while (DateTime.UtcNow < limit)
        {
            last = await Run(id).Info();
            if (last is { IsFinished: true }) return last;
            await Task.Delay(50);
        }
        throw new TimeoutException($"research run {id} not finished within 2 minutes: last seen {last?.Status.ToString() ?? "nothing"}");
    }
}
