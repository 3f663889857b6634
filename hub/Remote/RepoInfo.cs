using System.Text.Json;

namespace Lens.Hub.Remote;

/// <summary>What <c>GET {endpoint}/api/models/{repo}/revision/{revision}</c> says: the commit and the files in it.</summary>
internal sealed record RepoInfo(string Commit, IReadOnlyList<string> Files)
{
    /// <exception cref="HubException">The hub refused or answered nonsense.</exception>
    /// <exception cref="TransientHubFailure">The hub could not be reached.</exception>
    public static async Task<RepoInfo> FetchAsync(HubHttp http, HubModelId id, CancellationToken ct)
    {
        // The revision is one path segment even when it holds '/' (refs/pr/1), as huggingface_hub quotes it.
        var uri = http.At($"api/models/{id.Repo}/revision/{Uri.EscapeDataString(id.Revision)}");
        using var response = await http.SendAsync(HttpMethod.Get, uri, 0, followAbsoluteRedirects: true, ct);
        HubResponses.EnsureSuccess(response, http, id, file: null);
        var body = await http.WithReadTimeout(t => response.Content.ReadAsByteArrayAsync(t), $"GET {uri}", ct);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var commit = root.TryGetProperty("sha", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null;
            if (!CommitHash.IsValid(commit))
                throw new HubException(HubError.InvalidResponse, $"{uri}: 'sha' is not a 40-digit commit hash (got '{commit}')");
            if (!root.TryGetProperty("siblings", out var siblings) || siblings.ValueKind != JsonValueKind.Array)
                throw new HubException(HubError.InvalidResponse, $"{uri}: no 'siblings' file list");
            var files = siblings.EnumerateArray()
                .Select(s => s.TryGetProperty("rfilename", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "")
                .Where(name => name.Length > 0)
                .ToList();
            return new RepoInfo(commit!, files);
        }
        catch (JsonException e) { throw new HubException(HubError.InvalidResponse, $"{uri}: malformed JSON: {e.Message}", e); }
    }
}
