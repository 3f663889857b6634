namespace Lens.Runtime.Storage;

/// <summary>The result of reading a journal: events in sequence order and the journal's version.</summary>
/// <param name="Entries">Events after the requested version, ascending, without gaps.</param>
/// <param name="Version">The journal's version (sequence of its last event; 0 when empty).</param>
public sealed record JournalSlice(IReadOnlyList<JournalEntry> Entries, long Version);
