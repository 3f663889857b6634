namespace Lens.Hub.Cache;

/// <summary>
/// One repository's folder in the hub cache, laid out as huggingface_hub lays it out so either can use the other's
/// downloads: <c>blobs/&lt;etag&gt;</c> hold the content, <c>snapshots/&lt;commit&gt;/&lt;file&gt;</c> are relative symlinks
/// to them, <c>refs/&lt;revision&gt;</c> hold the commit a branch or tag pointed at, and partial downloads are
/// <c>blobs/&lt;etag&gt;.incomplete</c> guarded by <c>.locks/models--org--name/&lt;etag&gt;.lock</c>.
/// </summary>
internal sealed class RepoCache(string cacheDirectory, HubModelId id)
{
    public HubModelId Id { get; } = id;
    public string Folder { get; } = Path.Combine(cacheDirectory, id.CacheFolderName);

    public string BlobPath(string etag) => Path.Combine(Folder, "blobs", etag);
    public string IncompletePath(string etag) => BlobPath(etag) + ".incomplete";
    public string LockPath(string etag) => Path.Combine(cacheDirectory, ".locks", Id.CacheFolderName, etag + ".lock");
    public string SnapshotFolder(string commit) => Path.Combine(Folder, "snapshots", commit);
    public string PointerPath(string commit, string file) => Path.Combine(SnapshotFolder(commit), file);
    private string RefPath(string revision) => Path.Combine(Folder, "refs", revision);

    /// <summary>The commit a revision resolves to without the network: itself when it is one, else its ref file.</summary>
    public string? LocalCommit(string revision)
    {
        if (CommitHash.IsValid(revision)) return revision;
        var path = RefPath(revision);
        // A ref cut short by a crash is not a commit hash and is ignored, as if absent.
        return File.Exists(path) && File.ReadAllText(path).Trim() is var commit && CommitHash.IsValid(commit) ? commit : null;
    }

    /// <summary>The snapshot folder of a revision when the cache holds everything the engine needs from it.</summary>
    public string? CompleteSnapshot(string revision) =>
        LocalCommit(revision) is { } commit && ModelSnapshot.IsComplete(SnapshotFolder(commit)) ? SnapshotFolder(commit) : null;

    /// <summary>Records where a branch or tag pointed (no trailing newline, as huggingface_hub writes it).</summary>
    public void WriteRef(string revision, string commit)
    {
        if (revision == commit || LocalCommit(revision) == commit) return;
        var path = RefPath(revision);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, commit);
    }

    /// <summary>Points a snapshot file at its blob with a relative symlink, replacing a stale or broken one.</summary>
    public static void Link(string pointer, string blob)
    {
        var folder = Path.GetDirectoryName(pointer)!;
        Directory.CreateDirectory(folder);
        var target = Path.GetRelativePath(folder, blob);
        if (File.Exists(pointer)) File.Delete(pointer); // File.Exists is true for a broken link too; Delete removes the link only
        try { File.CreateSymbolicLink(pointer, target); }
        catch (IOException) when (ModelSnapshot.IsPresent(pointer))
        {
            // Another process linked the same file between our delete and create: its link is as good as ours.
        }
    }
}
