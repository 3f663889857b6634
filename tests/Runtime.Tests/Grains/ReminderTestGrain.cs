namespace Lens.Runtime.Tests.Grains;

public sealed class ReminderTestGrain : Grain, IReminderTestGrain
{
    public Task Start(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("tick", dueTime, period);

    public Task Stop() => UnregisterReminder("tick");

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderLog.Add(GetPrimaryKeyString(), reminderName, status.FiringSiloId, Context.SiloId);
        return Task.CompletedTask;
    }
}
