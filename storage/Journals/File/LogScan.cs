namespace Lens.Storage.Journals.File;

/// <summary>The events read from a log and the position after its last valid frame.</summary>
internal sealed record LogScan(List<JournalEntry> Entries, JournalPosition End);
