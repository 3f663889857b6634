namespace Lens.Runtime.Tests.Grains;

/// <summary>Registers a durable reminder; ticks land in <see cref="ReminderLog"/>.</summary>
public interface IReminderTestGrain : IGrainWithStringKey, IRemindable
{
    Task Start(TimeSpan dueTime, TimeSpan period);

    Task Stop();
}
