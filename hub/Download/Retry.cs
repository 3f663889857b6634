using Lens.Hub.Remote;

namespace Lens.Hub.Download;

/// <summary>Repeats a network step after transient failures, waiting <see cref="HubOptions.RetryDelay"/>, then twice as long, …</summary>
internal static class Retry
{
    /// <param name="giveUp">Builds the error reported after the last try from its failure and how many tries were made ("3 tries").</param>
    public static async Task<T> RunAsync<T>(HubOptions options, Func<Task<T>> step, Func<TransientHubFailure, string, HubException> giveUp, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await step(); }
            catch (TransientHubFailure) when (attempt < options.MaxAttempts)
            {
                await Task.Delay(options.RetryDelay * Math.Pow(2, attempt - 1), ct);
            }
            catch (TransientHubFailure e) { throw giveUp(e, attempt == 1 ? "1 try" : $"{attempt} tries"); }
        }
    }
}
