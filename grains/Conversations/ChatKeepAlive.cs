using Lens.GrainInterfaces.Conversations;

namespace Lens.Grains.Conversations;

/// <summary>
/// While a turn waits (the model loading, its queue, storage), the conversation yields an update with neither token nor
/// result every <see cref="Period"/>. The web process can then tell a slow turn from one whose silo died (it hears
/// nothing) within seconds, instead of after Orleans' response timeout; and a long wait never trips that timeout.
/// </summary>
internal static class ChatKeepAlive
{
    /// <summary>The longest a turn stays silent while it waits.</summary>
    public static TimeSpan Period { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The keep-alive item.</summary>
    public static ChatUpdate Beat { get; } = new(null, null);

    /// <summary>Keep-alives until <paramref name="work"/> completes; the caller awaits it afterwards (and sees its failure).</summary>
    public static async IAsyncEnumerable<ChatUpdate> Until(Task work)
    {
        while (!await EndsWithinPeriod(work)) yield return Beat;
    }

    private static async Task<bool> EndsWithinPeriod(Task work)
    {
        try
        {
            await work.WaitAsync(Period);
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            return false;
        }
        catch (Exception) when (work.IsCompleted)
        {
            // The caller awaits the work and sees this.
        }
        return true;
    }
}
