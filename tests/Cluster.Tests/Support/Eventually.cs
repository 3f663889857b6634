namespace Lens.Cluster.Tests.Support;

/// <summary>Polls a condition with a deadline; the failure names the phase and what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(string phase, Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Phase '{phase}': not reached within {timeout.TotalSeconds:0.#} s; last seen: {describe(value)}.");
            await Task.Delay(50);
        }
    }

    public static async Task Within(this Task task, TimeSpan timeout, string phase)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Phase '{phase}' did not finish within {timeout.TotalSeconds:0.#} s.");
        }
    }

    public static async Task<T> Within<T>(this Task<T> task, TimeSpan timeout, string phase)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Phase '{phase}' did not finish within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
