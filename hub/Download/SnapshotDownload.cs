using Lens.Hub.Cache;
using Lens.Hub.Remote;

namespace Lens.Hub.Download;

/// <summary>Fills <c>snapshots/&lt;commit&gt;/</c> with the files a model needs, one after the other, fetching only missing blobs.</summary>
internal sealed class SnapshotDownload(HubHttp http, RepoCache cache, RepoInfo info, IProgress<HubProgress>? progress)
{
    private readonly BlobDownload _blobs = new(http, cache, progress);

    /// <returns>The snapshot folder.</returns>
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var files = ModelFiles.Initial(cache.Id, info.Files);
        foreach (var file in files) await EnsureAsync(file, ct);
        if (files.Contains(ModelSnapshot.WeightsIndex))
            foreach (var shard in ModelFiles.Shards(cache.Id, cache.PointerPath(info.Commit, ModelSnapshot.WeightsIndex), info.Files))
                await EnsureAsync(shard, ct);
        return cache.SnapshotFolder(info.Commit);
    }

    private async Task EnsureAsync(string file, CancellationToken ct)
    {
        // The commit fixes the content: a file already linked in its snapshot (by us or by huggingface_hub) is done.
        var pointer = cache.PointerPath(info.Commit, file);
        if (ModelSnapshot.IsPresent(pointer)) return;
        var metadata = await Retry.RunAsync(http.Options, () => FileMetadata.FetchAsync(http, cache.Id, info.Commit, file, ct),
            (e, tries) => new HubException(HubError.Network, $"could not look up '{file}' of '{cache.Id}' ({tries}): {e.Message}", e),
            ct);
        await _blobs.FetchAsync(metadata, ct);
        RepoCache.Link(pointer, cache.BlobPath(metadata.Etag));
    }
}
