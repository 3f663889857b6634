using System.Net;
using System.Net.Http.Headers;

namespace Lens.Hub.Remote;

/// <summary>
/// Requests to the hub and the hosts it redirects to. Redirects are followed by hand so that the token goes to the
/// endpoint's own origin only, and so that a HEAD can stop at the CDN redirect whose headers describe the file.
/// </summary>
internal sealed class HubHttp : IDisposable
{
    private const int MaxRedirects = 10;
    private readonly HttpClient _client;

    public HubHttp(HubOptions options)
    {
        Options = options;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, // sizes and hashes are of the bytes as stored
            ConnectTimeout = options.ReadTimeout,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("lens-hub/1.0");
    }

    public HubOptions Options { get; }
    public bool SendsToken => Options.Token is not null;

    /// <summary>A URL under the endpoint (which may itself have a path, as mirrors do).</summary>
    public Uri At(string relative) => new(Options.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + relative);

    /// <summary>Sends one request; relative redirects (renamed repositories) are always followed, absolute ones only when asked.</summary>
    /// <param name="rangeFrom">Asks for the bytes from this offset on (<c>Range: bytes=N-</c>) when positive.</param>
    /// <exception cref="TransientHubFailure">The connection failed or no answer came within the read timeout.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, long rangeFrom, bool followAbsoluteRedirects, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            var request = new HttpRequestMessage(method, uri);
            if (Options.Token is { } token && IsEndpointOrigin(uri)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            if (rangeFrom > 0) request.Headers.Range = new RangeHeaderValue(rangeFrom, null);

            var response = await WithReadTimeout(t => _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, t), $"{method} {uri}", ct);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location) return response;
            if (location.IsAbsoluteUri && !followAbsoluteRedirects) return response;
            response.Dispose();
            if (hop == MaxRedirects) throw new HubException(HubError.InvalidResponse, $"{method} {uri}: more than {MaxRedirects} redirects");
            uri = new Uri(uri, location);
        }
    }

    /// <summary>Runs one network step, turning a failed connection or a silence longer than the read timeout into a <see cref="TransientHubFailure"/>.</summary>
    public async Task<T> WithReadTimeout<T>(Func<CancellationToken, Task<T>> step, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.ReadTimeout);
        try { return await step(timeout.Token); }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TransientHubFailure($"{what}: no answer within {Options.ReadTimeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e) { throw new TransientHubFailure($"{what}: {e.Message}", e); }
        catch (IOException e) { throw new TransientHubFailure($"{what}: {e.Message}", e); }
    }

    public static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    public bool IsEndpointOrigin(Uri uri) =>
        Uri.Compare(uri, Options.Endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    public void Dispose() => _client.Dispose();
}
