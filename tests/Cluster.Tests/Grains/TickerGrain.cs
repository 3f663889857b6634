using System.Collections.Concurrent;

namespace Lens.Cluster.Tests.Grains;

public sealed class TickerGrain(ILocalSiloDetails silo) : Grain, ITickerGrain, IRemindable
{
    private const string Reminder = "tick";

    /// <summary>Every tick of every ticker in this process: key, silo, time.</summary>
    public static ConcurrentQueue<(string Key, string Silo, DateTimeOffset At)> Ticks { get; } = new();

    public Task Start(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(Reminder, due, period);

    public async Task Stop()
    {
        if (await this.GetReminder(Reminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public async Task<bool> IsRegistered() => await this.GetReminder(Reminder) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.Enqueue((this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }
}
