using Lens.Runtime.Hosting;
using Lens.Runtime.Testing;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests;

/// <summary>Starts in-process test clusters with this assembly's grains.</summary>
internal static class Clusters
{
    public static Task<TestCluster> StartAsync(int silos = 3, bool fileStorage = true, Action<SiloOptions>? configure = null) =>
        TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = silos,
            UseFileStorage = fileStorage,
            GrainAssemblies = [typeof(JournalTestGrain).Assembly],
            ConfigureSilo = configure,
        });

    /// <summary>A key unique to this run, so tests never share grains.</summary>
    public static string Key(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}
