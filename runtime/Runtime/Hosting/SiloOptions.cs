using System.Reflection;

namespace Lens.Runtime.Hosting;

/// <summary>Configuration of one silo. Timings default to production-like values; tests shorten them.</summary>
public sealed class SiloOptions
{
    /// <summary>Interface to listen on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>HTTP/2 port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Host name other silos and clients use (default: <see cref="Host"/>).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Capabilities for capability-pinned placement, e.g. <c>model:stories260K</c>, <c>gpu</c>.</summary>
    public List<string> Capabilities { get; set; } = [];

    /// <summary>Assemblies scanned for grain classes (default: the entry assembly and what it references).</summary>
    public List<Assembly> GrainAssemblies { get; set; } = [];

    /// <summary>How often the silo writes its heartbeat and reads the membership table.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A peer whose heartbeat is older than this gets a suspicion vote.</summary>
    public TimeSpan SuspectAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A peer whose heartbeat is older than this is dead (lease expiry), votes or not.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fresh suspicion votes that declare a peer dead before its lease expires.</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Idle time after which activations are collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionScanPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder service re-reads its ring ranges and checks due reminders.</summary>
    public TimeSpan ReminderScanPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Default deadline of calls made from this silo.</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Mailbox capacity per activation (back-pressure beyond it).</summary>
    public int MailboxCapacity { get; set; } = 1000;

    /// <summary>Largest accepted message body in bytes.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Time allowed for graceful deactivation of all grains at shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
