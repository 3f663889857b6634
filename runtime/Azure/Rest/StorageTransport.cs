using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// Signs and sends REST calls over one pooled <see cref="HttpClient"/>. Answers below 500 come back as a
/// <see cref="StorageResponse"/>; refused connections, timeouts, dropped connections and 5xx become
/// <see cref="StorageUnavailableException"/> naming the account, the resource and the operation.
/// </summary>
public sealed partial class StorageTransport : IDisposable
{
    /// <summary>The REST API version every request asks for; Azurite 3.37 and Azure both serve it.</summary>
    public const string ApiVersion = "2021-12-02";

    private readonly HttpClient _http;
    private readonly SharedKeySigner _signer;
    private readonly TimeSpan _requestTimeout;

    /// <summary>Creates a transport for <paramref name="account"/>.</summary>
    /// <param name="account">The account to sign for.</param>
    /// <param name="requestTimeout">Longest time one call may take before it counts as an outage.</param>
    public StorageTransport(StorageAccount account, TimeSpan requestTimeout)
    {
        Account = account;
        _signer = new SharedKeySigner(account);
        _requestTimeout = requestTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // A storage node that does not accept within seconds is down; fail fast so callers can react.
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // Below Azurite's 5 s keep-alive, so an idle connection is never reused just as the server closes it.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The account requests are signed for.</summary>
    public StorageAccount Account { get; }

    /// <summary>Signs <paramref name="request"/> for <paramref name="service"/>, sends it and reads the whole answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="service">Decides the signature scheme.</param>
    /// <param name="operation">What is attempted and on which resource, e.g. <c>append block to blob 'c/b'</c>.</param>
    /// <param name="cancellationToken">Caller cancellation (not mapped to unavailability).</param>
    public async Task<StorageResponse> SendAsync(StorageRequest request, StorageService service, string operation, CancellationToken cancellationToken)
    {
        request.Headers["x-ms-date"] = DateTime.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        request.Headers["x-ms-version"] = ApiVersion;
        var stringToSign = service == StorageService.Blob ? _signer.BlobStringToSign(request) : _signer.TableStringToSign(request);
        request.Headers["Authorization"] = _signer.Authorization(stringToSign);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        try
        {
            using var message = ToMessage(request);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var errorCode = headers.GetValueOrDefault("x-ms-error-code") ?? ErrorCodeFromBody(body);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
                throw Unavailable(service, operation, new HttpRequestException($"HTTP {(int)response.StatusCode} {errorCode ?? response.ReasonPhrase}", null, response.StatusCode));
            return new StorageResponse(response.StatusCode, errorCode, headers, body);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(service, operation, new TimeoutException($"no answer within {_requestTimeout.TotalSeconds:0.#} s", e));
        }
        catch (HttpRequestException e)
        {
            throw Unavailable(service, operation, e);
        }
        catch (IOException e)
        {
            throw Unavailable(service, operation, e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private StorageUnavailableException Unavailable(StorageService service, string operation, Exception inner)
    {
        var endpoint = service == StorageService.Blob ? Account.BlobEndpoint : Account.TableEndpoint;
        return new StorageUnavailableException($"{operation} in account '{Account.Name}' at {endpoint}", inner);
    }

    private static HttpRequestMessage ToMessage(StorageRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.FullUri);
        // PUT and POST always carry a body so Content-Length: 0 is sent, as SharedKey and the service expect.
        if (request.Content.Length > 0 || request.Method == HttpMethod.Put || request.Method == HttpMethod.Post)
        {
            message.Content = new ReadOnlyMemoryContent(request.Content);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    private static string? ErrorCodeFromBody(byte[] body)
    {
        if (body.Length == 0) return null;
        var text = Encoding.UTF8.GetString(body);
        var match = ErrorCodePattern().Match(text);
        return match.Success ? match.Groups["xml"].Success ? match.Groups["xml"].Value : match.Groups["json"].Value : null;
    }

    // Blob errors are XML (<Code>..</Code>); table errors are JSON ("code":".." inside odata.error).
    [GeneratedRegex("<Code>(?<xml>[^<]+)</Code>|\"code\"\\s*:\\s*\"(?<json>[^\"]+)\"")]
    private static partial Regex ErrorCodePattern();
}
