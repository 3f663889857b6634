using System.Net;

namespace Lens.Runtime.Azure.Rest;

/// <summary>A completed REST call that the service answered below 500: status, error code, headers, body.</summary>
public sealed class StorageResponse(HttpStatusCode status, string? errorCode, IReadOnlyDictionary<string, string> headers, byte[] body)
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The service's error code (<c>x-ms-error-code</c> or the body's code), e.g. <c>BlobAlreadyExists</c>.</summary>
    public string? ErrorCode { get; } = errorCode;

    /// <summary>Response headers, case-insensitive; multi-valued headers joined by commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>The body.</summary>
    public byte[] Body { get; } = body;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The ETag header, verbatim (quotes and <c>W/</c> included), or null.</summary>
    public string? ETag => Headers.GetValueOrDefault("ETag");

    /// <summary>A header value or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
