namespace Lens.Client.Hosting;

/// <summary>The silo runs in this process: connected while it is active.</summary>
internal sealed class CoHostedSiloConnection(ISiloStatusOracle silo) : IClusterConnection
{
    public bool IsConnected => silo.CurrentStatus == SiloStatus.Active;

    public string Describe() => $"The silo in this process is {silo.CurrentStatus.ToString().ToLowerInvariant()}, not active.";
}
