namespace Lens.Storage.Journals;

/// <summary>A stream's state after its first <see cref="Version"/> events, as the writer serialized it.</summary>
public sealed record JournalSnapshot(long Version, ReadOnlyMemory<byte> State);
