namespace Lens.Runtime.Storage.File;

/// <summary>File content of the reminder table.</summary>
internal sealed class ReminderDocument
{
    public List<ReminderRow> Rows { get; set; } = [];
}
