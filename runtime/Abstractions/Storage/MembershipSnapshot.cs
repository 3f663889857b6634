namespace Lens.Runtime.Storage;

/// <summary>Everything in the membership table at one read.</summary>
/// <param name="Entries">All rows, in no particular order.</param>
/// <param name="Version">The table version at the time of the read.</param>
public sealed record MembershipSnapshot(IReadOnlyList<MembershipEntry> Entries, TableVersion Version);
