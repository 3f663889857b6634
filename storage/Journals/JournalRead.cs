namespace Lens.Storage.Journals;

/// <summary>What a read returns: the latest snapshot, the events after it, and the stream's version.</summary>
/// <param name="Snapshot">The latest snapshot, or null when the stream has none.</param>
/// <param name="Events">Every event after the snapshot (or from the first, without one), in order.</param>
/// <param name="Version">The stream's version: the last event's number, 0 for an empty stream.</param>
public sealed record JournalRead(JournalSnapshot? Snapshot, IReadOnlyList<JournalEntry> Events, long Version);
