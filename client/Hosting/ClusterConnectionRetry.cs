namespace Lens.Client.Hosting;

/// <summary>Keeps retrying the first connection to the cluster once a second until the host stops.</summary>
internal sealed class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        // Log the first failure and then every 30th, so a long outage does not flood the log.
        if (_attempts++ % 30 == 0)
            logger.LogWarning("No silo reachable yet (attempt {Attempt}): {Reason}", _attempts, exception.Message);
        try
        {
            await Task.Delay(Pause, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }
}
