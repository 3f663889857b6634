namespace Lens.Product.Tests;

/// <summary>Polls a condition the test cannot await directly (work queued on another thread), failing with what it waited for.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {limit.TotalSeconds} s for: {what}");
            await Task.Delay(10);
        }
    }
}
