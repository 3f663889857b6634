namespace Lens.Storage.Journals;

/// <summary>One stored event.</summary>
/// <param name="Version">Its position in the stream, from 1.</param>
/// <param name="EventId">The id it was appended with.</param>
/// <param name="Payload">The serialized event.</param>
public sealed record JournalEntry(long Version, Guid EventId, ReadOnlyMemory<byte> Payload);
