using Lens.Grains.Placement;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;
using Lens.Grains.Research;
using Lens.Hub;
using Lens.Storage.Hosting;
using Lens.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Lens.Product.Tests.Research;

/// <summary>
/// A real in-process Orleans cluster of <paramref name="silos"/> silos running research: every silo holds stories260K
/// and a perturbed copy of it, reads datasets from <see cref="DatasetFolder"/>, writes outputs to one shared folder,
/// and keeps journals, grain state and reminders in the Lens file storage in one shared folder (which outlives a killed
/// silo). Membership finds a dead silo in about as long as the cluster's production settings do.
/// </summary>
public abstract class ResearchCluster(int silos) : IAsyncLifetime
{
    public const int Threads = 1;

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public string DatasetFolder { get; } = TestPaths.TempFolder("research-datasets");
    public string OutputFolder { get; } = TestPaths.TempFolder("research-output");

    /// <summary>The journals, grain state and reminders of every silo: one folder, as silos sharing a volume have.</summary>
    public string StorageFolder { get; } = TestPaths.TempFolder("research-storage");

    public async Task InitializeAsync()
    {
        var models = new List<ModelSource>
        {
            new(ResearchModels.Stories, TestPaths.Stories260KHf),
            new(ResearchModels.Perturbed, ResearchModels.PerturbedCopy()),
            new(ResearchModels.FromHub, ResearchModels.HubId),
        };
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLensFileStorage(StorageFolder);
            silo.AddModelPlacement(models.Select(m => m.Name));
            silo.Services.AddSingleton<IReadOnlyList<ModelSource>>(models);
            silo.Services.AddSingleton(new HubClient(new HubOptions { CacheDirectory = ResearchModels.HubCache(), Offline = true }));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Services.Configure<ModelServingOptions>(o => o.Threads = Threads);
            silo.AddLensResearch(o =>
            {
                o.DatasetDirectories.Add(DatasetFolder);
                o.OutputDirectory = OutputFolder;
                o.ResumeCheckPeriod = TimeSpan.FromSeconds(2);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Writes a dataset file into the dataset folder and returns its name there.</summary>
    public string Dataset(string name, string content)
    {
        File.WriteAllText(Path.Combine(DatasetFolder, name), content);
        return name;
    }

    public IResearchRunGrain Run(string id) => Grains.GetGrain<IResearchRunGrain>(id);

    /// <summary>Polls the run until <paramref name="done"/> holds, failing after <paramref name="timeout"/> with the run's last state.</summary>
    public async Task<ResearchRunInfo> WaitFor(string id, Func<ResearchRunInfo, bool> done, TimeSpan? timeout = null, string what = "finished")
    {
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        ResearchRunInfo? last = null;
        Exception? error = null;
        while (DateTime.UtcNow < limit)
        {
            try
            {
                last = await Run(id).Info();
                error = null;
                if (last is not null && done(last)) return last;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                error = e; // the run's silo may be down for a moment
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"research run {id} not {what} within {timeout ?? TimeSpan.FromSeconds(120)}: last seen {(last is null ? "nothing" : $"{last.Status}, batch {last.BatchesDone}/{last.Batches}, error {last.Error ?? "none"}")}{(error is null ? "" : $"; last call failed: {error.Message}")}");
    }

    /// <summary>Polls until the run is completed, failed or cancelled.</summary>
    public Task<ResearchRunInfo> Finished(string id) => WaitFor(id, r => r.IsFinished);

    /// <summary>A fresh run id.</summary>
    public static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];
}

/// <summary>The shared cluster of the research tests that do not kill silos.</summary>
public sealed class TwoSiloResearchCluster() : ResearchCluster(2);

[CollectionDefinition(nameof(TwoSiloResearchCluster))]
public sealed class TwoSiloResearchClusterCollection : ICollectionFixture<TwoSiloResearchCluster>;
