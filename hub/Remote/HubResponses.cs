using System.Net;

namespace Lens.Hub.Remote;

/// <summary>
/// Turns a failed hub answer into an error the user can act on. The hub says what went wrong in <c>X-Error-Code</c>
/// (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo) and <c>X-Error-Message</c>; the status is the fallback.
/// </summary>
internal static class HubResponses
{
    /// <param name="file">The file asked for, or null for the repository listing.</param>
    /// <exception cref="HubException">Any 4xx, or an unexpected status.</exception>
    /// <exception cref="TransientHubFailure">429 or 5xx: worth another try.</exception>
    public static void EnsureSuccess(HttpResponseMessage response, HubHttp http, HubModelId id, string? file)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 400) return;
        var code = Header(response, "X-Error-Code");
        var detail = Header(response, "X-Error-Message") is { } message ? $" (hub: {message})" : "";
        var endpoint = http.Options.Endpoint.AbsoluteUri.TrimEnd('/');
        var model = $"model '{id.Repo}' on {endpoint}";
        var token = http.SendsToken
            ? "the HF_TOKEN sent was refused or has no access to it"
            : "HF_TOKEN is not set: set it to a token with read access";
        var what = file is null ? $"revision '{id.Revision}' of {model}" : $"file '{file}' of {model} at {id.Revision}";
        // A download the hub redirected elsewhere (its CDN) is answered by a server that knows nothing of tokens or gating.
        var cdn = response.RequestMessage?.RequestUri is { } uri && !http.IsEndpointOrigin(uri) ? uri.Host : null;

        if (status == 429 || status >= 500)
            throw new TransientHubFailure($"{cdn ?? endpoint} answered {status} {response.ReasonPhrase} for {what}{detail}");
        if (cdn is not null)
            throw new HubException(HubError.InvalidResponse, $"{cdn}, where the hub sent the download, answered {status} {response.ReasonPhrase} for {what}");
        if (code == "GatedRepo" || response.StatusCode == HttpStatusCode.Forbidden)
            throw new HubException(HubError.AccessDenied, $"{model} is gated or private ({status}): accept its conditions at {endpoint}/{id.Repo} with your account, and check HF_TOKEN: {token}{detail}");
        if (code == "RevisionNotFound")
            throw new HubException(HubError.RevisionNotFound, $"revision '{id.Revision}' of {model} not found ({status}): check the branch, tag or commit{detail}");
        if (code == "RepoNotFound" || (status == 401 && !http.SendsToken) || (status == 404 && file is null))
            throw new HubException(HubError.RepositoryNotFound, $"{model} not found ({status}): check the id (it is not a local path either); if the model is private or gated, {token}{detail}");
        if (status == 401)
            throw new HubException(HubError.AccessDenied, $"{model} refused the request (401): {token}{detail}");
        throw new HubException(HubError.InvalidResponse, $"{endpoint} answered {status} {response.ReasonPhrase} for {what}{detail}");
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() :
        response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
