using System.Globalization;
using System.Text.RegularExpressions;

namespace Lens.Hub.Remote;

/// <summary>
/// What a HEAD on <c>{endpoint}/{repo}/resolve/{commit}/{file}</c> says about a file: its ETag (the sha256 of an LFS
/// file, in <c>X-Linked-Etag</c> beside the CDN redirect; the git blob sha1 of a small one), its size and where its
/// bytes are.
/// </summary>
internal sealed partial record FileMetadata(string File, string Etag, long Size, Uri DownloadUri)
{
    /// <exception cref="HubException">The hub refused, or sent no usable ETag or size.</exception>
    /// <exception cref="TransientHubFailure">The hub could not be reached.</exception>
    public static async Task<FileMetadata> FetchAsync(HubHttp http, HubModelId id, string commit, string file, CancellationToken ct)
    {
        var uri = http.At($"{id.Repo}/resolve/{commit}/{Uri.EscapeDataString(file)}");
        using var response = await http.SendAsync(HttpMethod.Head, uri, 0, followAbsoluteRedirects: false, ct);
        HubResponses.EnsureSuccess(response, http, id with { Revision = commit }, file);

        var etag = Normalize(HubResponses.Header(response, "X-Linked-Etag") ?? HubResponses.Header(response, "ETag"));
        // The ETag names the blob file, so it must be a plain name.
        if (etag is null || !EtagText().IsMatch(etag))
            throw new HubException(HubError.InvalidResponse, $"HEAD {uri}: no usable ETag (got '{etag}')");
        var sizeText = HubResponses.Header(response, "X-Linked-Size");
        var size = sizeText is not null && long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var linked) ? linked
            : response.Content.Headers.ContentLength ?? throw new HubException(HubError.InvalidResponse, $"HEAD {uri}: no X-Linked-Size or Content-Length");
        if (HubResponses.Header(response, "X-Repo-Commit") is { } answered && answered != commit)
            throw new HubException(HubError.InvalidResponse, $"HEAD {uri}: asked for commit {commit}, the hub answered for {answered}");

        var requested = response.RequestMessage?.RequestUri ?? uri;
        var download = HubHttp.IsRedirect(response.StatusCode) && response.Headers.Location is { } location ? new Uri(requested, location) : requested;
        return new FileMetadata(file, etag, size, download);
    }

    // Weak ETags (W/"…") and quotes are dropped, as huggingface_hub does.
    private static string? Normalize(string? etag) =>
        etag is null ? null : (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"');

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex EtagText();
}
