namespace Lens.Runtime.Storage;

/// <summary>One stored event: its sequence number (1-based) and opaque payload.</summary>
/// <param name="Sequence">Position in the journal; the first event is 1.</param>
/// <param name="Payload">The serialized event.</param>
public sealed record JournalEntry(long Sequence, byte[] Payload);
