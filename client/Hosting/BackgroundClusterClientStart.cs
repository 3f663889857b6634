namespace Lens.Client.Hosting;

/// <summary>
/// Starts Orleans' own client hosted service in the background, so the web host starts (and answers 503) while no
/// silo is reachable; the client retries through <see cref="ClusterConnectionRetry"/> until it connects or the host stops.
/// </summary>
internal sealed class BackgroundClusterClientStart(IHostedService orleansClient, ILogger<BackgroundClusterClientStart> logger) : IHostedService, IClusterConnection
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _start;
    private volatile bool _connected;

    public bool IsConnected => _connected;

    public string Describe() => "This process has not reached any silo of the cluster yet (no gateway is alive); it keeps trying.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _start = Task.Run(async () =>
        {
            await orleansClient.StartAsync(_stopping.Token);
            _connected = true;
            logger.LogInformation("Connected to the cluster.");
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            if (_start is not null) await _start.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopped before any silo answered.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The cluster client ended its connection attempts with an error.");
        }
        await orleansClient.StopAsync(cancellationToken);
        _stopping.Dispose();
    }
}
