namespace Lens.Runtime.Storage.File;

/// <summary>File content of the membership table.</summary>
internal sealed class MembershipDocument
{
    public long Version { get; set; }

    public string VersionETag { get; set; } = "";

    public List<MembershipEntry> Entries { get; set; } = [];
}
