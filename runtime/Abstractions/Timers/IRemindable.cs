namespace Lens.Runtime;

/// <summary>
/// Implemented by grains that register durable reminders. Reminders survive silo restarts and fire on
/// whichever silo owns the grain's ring range at the time, activating the grain if needed.
/// </summary>
public interface IRemindable : IGrain
{
    /// <summary>Receives one tick of the reminder <paramref name="reminderName"/>.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
