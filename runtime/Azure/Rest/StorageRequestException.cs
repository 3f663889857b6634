using System.Net;

namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// The service rejected a request for a reason no caller can handle (bad request, authentication, a
/// limit): a configuration problem or a bug, not an outage and not a concurrency conflict.
/// </summary>
public sealed class StorageRequestException(string operation, HttpStatusCode status, string? errorCode)
    : Exception($"Storage rejected {operation}: HTTP {(int)status} {errorCode ?? status.ToString()}.")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The service's error code.</summary>
    public string? ErrorCode { get; } = errorCode;
}
