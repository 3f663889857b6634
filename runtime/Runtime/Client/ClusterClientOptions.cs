namespace Lens.Runtime.Client;

/// <summary>Configuration of an external cluster client.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>How often the client re-reads the membership table for gateways.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Silos whose heartbeat is older than this are not used as gateways.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default deadline of calls.</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="ClusterClient.ConnectAsync"/> waits for a live silo.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
