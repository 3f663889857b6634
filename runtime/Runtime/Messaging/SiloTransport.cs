using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Lens.Runtime.Messaging;

/// <summary>
/// Sends calls to silos over HTTP/2 cleartext (prior knowledge: Version 2.0, RequestVersionExact on every
/// request), multiplexed on pooled connections.
/// </summary>
internal sealed class SiloTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private readonly HttpClient _http;

    public SiloTransport(TimeSpan connectTimeout)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The address a router gives when it knows no live silo; sending to it is "not delivered", so callers back off and retry.</summary>
    public const string NoSilo = "";

    public async Task<CallResponse> SendAsync(string address, CallRequest request, CancellationToken cancellationToken)
    {
        if (address == NoSilo) throw new NotDeliveredException("(no live silo known)", null);
        using var message = Request(address, "lens/call", request);
        using var response = await SendCoreAsync(address, message, cancellationToken);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Parse(bytes, response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new InFlightException(address, ex);
        }
    }

    public async IAsyncEnumerable<CallResponse> StreamAsync(string address, CallRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (address == NoSilo) throw new NotDeliveredException("(no live silo known)", null);
        using var message = Request(address, "lens/stream", request);
        using var response = await SendCoreAsync(address, message, cancellationToken);
        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new InFlightException(address, ex);
        }
        using var reader = new StreamReader(body);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new InFlightException(address, ex);
            }
            if (line is null) throw new InFlightException(address, new IOException("The stream ended without a final frame."));
            if (line.Length == 0) continue;
            var frame = Parse(System.Text.Encoding.UTF8.GetBytes(line), response.StatusCode);
            yield return frame;
            if (!frame.More) yield break;
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(string address, string path, CallRequest request) => new(HttpMethod.Post, new Uri(new Uri(address), path))
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, WireJson.Options)) { Headers = { ContentType = s_json } },
    };

    private async Task<HttpResponseMessage> SendCoreAsync(string address, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError || FailedWhileWriting(ex))
        {
            throw new NotDeliveredException(address, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new InFlightException(address, ex);
        }
    }

    /// <summary>
    /// The peer reset the connection while the request was still being written: a silo dispatches a call only
    /// after reading its whole body, so such a call cannot have run.
    /// </summary>
    private static bool FailedWhileWriting(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException && e.Message.StartsWith("Unable to write data to the transport connection", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static CallResponse Parse(byte[] bytes, HttpStatusCode status)
    {
        try
        {
            return JsonSerializer.Deserialize<CallResponse>(bytes, WireJson.Options) ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            return CallResponse.Fail(GrainCallErrorKind.BadRequest, $"Silo answered HTTP {(int)status} without a call response.");
        }
    }
}
