using Lens.Runtime.Client;

namespace Lens.Client;

/// <summary>Connects the external cluster client at start-up and disposes it at shutdown.</summary>
internal sealed class ClusterClientConnection(ClusterClient client, ILogger<ClusterClientConnection> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await client.ConnectAsync(cancellationToken);
        logger.LogInformation("Connected to the cluster: {Count} live silos.", client.Silos.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await client.DisposeAsync();
}
