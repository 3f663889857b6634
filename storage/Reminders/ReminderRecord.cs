namespace Lens.Storage.Reminders;

/// <summary>One reminder as stored in the reminders file.</summary>
internal sealed record ReminderRecord(string GrainId, string Name, DateTime StartAt, TimeSpan Period, string ETag);
