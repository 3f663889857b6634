namespace Lens.Storage.Tests.Grains;

/// <summary>A grain that registers reminders and lists them.</summary>
public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name);

    Task Unregister(string name);

    Task<List<string>> Names();
}

public sealed class ReminderGrain : Grain, IReminderGrain, IRemindable
{
    public Task Register(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    public async Task Unregister(string name)
    {
        if (await this.GetReminder(name) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public async Task<List<string>> Names() => (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToList();

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
