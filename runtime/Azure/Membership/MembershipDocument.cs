using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Membership;

/// <summary>The whole membership table as one blob: rows with their ETags and the table version.</summary>
internal sealed record MembershipDocument(TableVersion Version, IReadOnlyList<MembershipEntry> Entries)
{
    public static MembershipDocument Empty { get; } = new(new TableVersion(0, ""), []);
}
