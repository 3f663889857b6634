namespace Lens.Runtime.Storage;

/// <summary>A peer's vote that a silo missed its heartbeats.</summary>
/// <param name="VoterSiloId">The silo that suspects.</param>
/// <param name="Time">When it voted (UTC); old votes expire.</param>
public sealed record SuspicionVote(string VoterSiloId, DateTimeOffset Time);
