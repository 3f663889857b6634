namespace Lens.Product.Tests;

/// <summary>Polls a condition the test cannot await directly (work queued on another thread), failing with what it waited for.</summary>
public static class Eventually
{
    /// <param name="every">Poll interval: HTTP polls stay under the per-user request rate.</param>
    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? every = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {limit.TotalSeconds} s for: {what}");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(10));
        }
    }
}
