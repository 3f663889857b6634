using Lens.Grains.Placement;
using Lens.Silo.Hosting;
using Lens.Storage.Hosting;
using Lens.Tests;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace Lens.Cluster.Tests.Support;

/// <summary>In-process clusters of real Orleans silos wired like production ones (<see cref="LensSiloExtensions.AddLensCluster"/>).</summary>
internal static class TestClusters
{
    /// <summary>
    /// Starts <paramref name="silos"/> silos and a client. <paramref name="models"/> gives the models of the silo with
    /// a given start index (0 for the first; additional silos continue the count); none by default. Unless
    /// <paramref name="storage"/> says otherwise, the silos share the project's file storage in a fresh folder (grain
    /// state, event journals, reminders), which outlives any silo as an external store would. <paramref name="configure"/>
    /// adds anything else to every silo.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(int silos, Func<int, IReadOnlyList<string>>? models = null, Action<ISiloBuilder>? storage = null, Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        var data = TestPaths.TempFolder("cluster");
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddLensCluster(models?.Invoke(IndexOf(options.SiloName)) ?? []);
            if (storage is not null) storage(silo);
            else silo.AddLensFileStorage(data);
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.UseFastFailover());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The grain factory of a silo, for calls made from inside the cluster.</summary>
    public static IGrainFactory Grains(this InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The addresses of the silos still running.</summary>
    public static IReadOnlySet<string> LiveSilos(this InProcessTestCluster cluster) =>
        cluster.Silos.Where(s => s.IsActive).Select(s => s.SiloAddress.ToString()).ToHashSet();

    /// <summary>Waits until every live silo knows every other live silo's advertised models.</summary>
    public static Task WaitForSiloMetadataAsync(InProcessTestCluster cluster) => Eventually.Until("silo metadata exchanged",
        () =>
        {
            var silos = cluster.Silos.Where(s => s.IsActive).ToList();
            var missing = silos.SelectMany(s => silos
                    .Where(peer => !s.ServiceProvider.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(peer.SiloAddress).Metadata.ContainsKey(SiloModels.MetadataKey))
                    .Select(peer => $"{s.Name} does not know {peer.Name}"))
                .ToList();
            return Task.FromResult(missing);
        },
        missing => missing.Count == 0, TimeSpan.FromSeconds(20), missing => string.Join("; ", missing));

    /// <summary>A key unique to this run, so tests never share grains.</summary>
    public static string Key(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    // The in-process test host names silos Silo_0, Silo_1, … in start order.
    private static int IndexOf(string siloName) => int.Parse(siloName[(siloName.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
