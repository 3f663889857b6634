using Lens.Hub.Cache;
using Lens.Hub.Download;
using Lens.Hub.Remote;

namespace Lens.Hub;

/// <summary>
/// Resolves <c>org/name[@revision]</c> to a local snapshot folder, downloading into the standard hub cache
/// (<c>models--org--name/snapshots/&lt;commit&gt;/</c>, shared with Python's huggingface_hub) what the cache lacks.
/// </summary>
public sealed class HubClient
{
    /// <summary>A client configured from the environment, as huggingface_hub is (see <see cref="HubOptions.FromEnvironment"/>).</summary>
    public HubClient() : this(HubOptions.FromEnvironment()) { }

    public HubClient(HubOptions options)
    {
        if (options.MaxAttempts < 1) throw new ArgumentException($"MaxAttempts must be at least 1, got {options.MaxAttempts}", nameof(options));
        if (options.ReadTimeout <= TimeSpan.Zero) throw new ArgumentException($"ReadTimeout must be positive, got {options.ReadTimeout}", nameof(options));
        Options = options;
    }

    public HubOptions Options { get; }

    /// <summary>True for <c>org/name[@revision]</c> text that is not an existing local file or folder.</summary>
    public static bool IsHubId(string text) =>
        HubModelId.TryParse(text, out _, out _) && !File.Exists(text) && !Directory.Exists(text);

    /// <summary>
    /// The local folder holding the model's config, weights and tokenizer files at the given revision. A branch or tag
    /// is looked up on the hub (and recorded in <c>refs/</c>); a commit already complete in the cache, or any revision
    /// when offline or when the hub cannot be reached, resolves from the cache alone.
    /// </summary>
    /// <param name="modelId"><c>org/name</c>, <c>org/name@branch-or-tag</c> or <c>org/name@&lt;40-digit commit&gt;</c>.</param>
    /// <param name="progress">Bytes done and total of each file as it downloads (files already cached are not reported).</param>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not a hub model id.</exception>
    /// <exception cref="HubException">Unknown model or revision, access denied, corrupt download, network or disk failure; <see cref="HubException.Error"/> says which.</exception>
    public async Task<string> ResolveAsync(string modelId, IProgress<HubProgress>? progress = null, CancellationToken ct = default)
    {
        var id = HubModelId.Parse(modelId);
        var cache = new RepoCache(Options.CacheDirectory, id);
        try
        {
            if (Options.Offline)
                return cache.CompleteSnapshot(id.Revision) ?? throw new HubException(HubError.NotInCache,
                    $"HF_HUB_OFFLINE is set and '{id}' is not complete in the hub cache at {cache.Folder}: run once with the network to download it");
            // A commit's files never change: when the cache has them, the hub has nothing to add.
            if (id.IsCommit && cache.CompleteSnapshot(id.Revision) is { } pinned) return pinned;

            using var http = new HubHttp(Options);
            RepoInfo info;
            try { info = await RepoInfo.FetchAsync(http, id, ct); }
            catch (TransientHubFailure e)
            {
                // As huggingface_hub does: without the hub, a revision the cache holds is still usable.
                return cache.CompleteSnapshot(id.Revision) ?? throw new HubException(HubError.Network,
                    $"could not reach the hub for '{id}' ({e.Message}), and the hub cache at {cache.Folder} does not hold it", e);
            }
            var folder = await new SnapshotDownload(http, cache, info, progress).RunAsync(ct);
            cache.WriteRef(id.Revision, info.Commit);
            return folder;
        }
        catch (Exception e) when (e is IOException and not HubException or UnauthorizedAccessException)
        {
            // Network failures arrive as HubException; what is left is the file system.
            throw new HubException(HubError.Disk, $"could not write the hub cache at {Options.CacheDirectory} for '{id}': {e.Message}", e);
        }
    }
}
