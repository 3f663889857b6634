namespace Lens.Storage.Journals;

/// <summary>One event to append: its unique id (what makes a resubmitted batch recognisable) and its serialized bytes.</summary>
/// <param name="EventId">The event's id, fixed when the event was raised; never <see cref="Guid.Empty"/>.</param>
/// <param name="Payload">The serialized event.</param>
public sealed record JournalRecord(Guid EventId, ReadOnlyMemory<byte> Payload);
