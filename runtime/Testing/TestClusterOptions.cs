using System.Reflection;
using Lens.Runtime.Hosting;

namespace Lens.Runtime.Testing;

/// <summary>Options of an in-process test cluster. Timings are short so failure detection takes about a second.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silos started by <see cref="TestCluster.StartAsync"/>.</summary>
    public int InitialSilos { get; set; } = 3;

    /// <summary>Use the file store (default) in <see cref="DataDirectory"/>; false = in-memory store.</summary>
    public bool UseFileStorage { get; set; } = true;

    /// <summary>Data directory of the file store (default: a fresh temp directory, deleted at dispose).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Assemblies with the grain classes.</summary>
    public List<Assembly> GrainAssemblies { get; set; } = [];

    /// <summary>Further silo configuration (applied after the test timings).</summary>
    public Action<SiloOptions>? ConfigureSilo { get; set; }

    /// <summary>Sets the fast test timings.</summary>
    public static void ApplyTestTimings(SiloOptions options)
    {
        options.HeartbeatPeriod = TimeSpan.FromMilliseconds(200);
        options.SuspectAfter = TimeSpan.FromSeconds(1);
        options.DeathTimeout = TimeSpan.FromSeconds(3);
        options.VotesForDeath = 2;
        options.ReminderScanPeriod = TimeSpan.FromMilliseconds(200);
        options.DefaultCallTimeout = TimeSpan.FromSeconds(20);
        options.ShutdownTimeout = TimeSpan.FromSeconds(5);
    }
}
