using System.Collections.Concurrent;

namespace Lens.Runtime.Tests.Grains;

/// <summary>Ticks received by reminder test grains in this process (all test silos share it).</summary>
public static class ReminderLog
{
    public static readonly ConcurrentQueue<(string GrainKey, string Reminder, string FiringSilo, string HostSilo, DateTimeOffset At)> Ticks = new();

    public static event Action? Ticked;

    public static void Add(string key, string reminder, string firing, string host)
    {
        Ticks.Enqueue((key, reminder, firing, host, DateTimeOffset.UtcNow));
        Ticked?.Invoke();
    }
}
