using System.Globalization;
using System.Net;

namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// The Blob service operations the providers need: containers, block blobs, append blobs, ranged reads,
/// deletes and leases. Existence and precondition answers (404, 409, 412, 416) come back as responses for
/// the caller to interpret; other refusals throw <see cref="StorageRequestException"/>.
/// </summary>
public sealed class BlobClient(StorageTransport transport)
{
    private static readonly HttpStatusCode[] Interpreted =
        [HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed, HttpStatusCode.RequestedRangeNotSatisfiable];

    /// <summary>The account this client talks to.</summary>
    public StorageAccount Account => transport.Account;

    /// <summary>Creates a private container; 409 ContainerAlreadyExists means it is there already.</summary>
    public Task<StorageResponse> CreateContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Put, ContainerUri(container));
        request.Query["restype"] = "container";
        return SendAsync(request, $"create container '{container}'", cancellationToken);
    }

    /// <summary>Uploads a whole block blob in one call, replacing any existing one if the conditions hold.</summary>
    public Task<StorageResponse> PutBlockBlobAsync(string container, string blob, ReadOnlyMemory<byte> content, BlobConditions? conditions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Put, BlobUri(container, blob)) { Content = content, ContentType = "application/octet-stream" };
        request.Headers["x-ms-blob-type"] = "BlockBlob";
        AddMetadata(request, metadata);
        conditions?.ApplyTo(request);
        return SendAsync(request, $"put blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>Creates an empty append blob (with <see cref="BlobConditions.IfAbsent"/>: only if none exists).</summary>
    public Task<StorageResponse> CreateAppendBlobAsync(string container, string blob, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Put, BlobUri(container, blob));
        request.Headers["x-ms-blob-type"] = "AppendBlob";
        conditions?.ApplyTo(request);
        return SendAsync(request, $"create append blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>
    /// Appends one block atomically. With <see cref="BlobConditions.AppendPosition"/> the service appends only
    /// if the blob's length equals it (412 AppendPositionConditionNotMet otherwise).
    /// </summary>
    public Task<StorageResponse> AppendBlockAsync(string container, string blob, ReadOnlyMemory<byte> content, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Put, BlobUri(container, blob)) { Content = content, ContentType = "application/octet-stream" };
        request.Query["comp"] = "appendblock";
        conditions?.ApplyTo(request);
        return SendAsync(request, $"append block to blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>
    /// Reads the blob from <paramref name="offset"/> (to the end, or <paramref name="count"/> bytes). 200/206 with
    /// the bytes; 404 when missing; 416 when <paramref name="offset"/> is at or past the end.
    /// </summary>
    public Task<StorageResponse> GetBlobAsync(string container, string blob, long offset = 0, long? count = null, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Get, BlobUri(container, blob));
        if (offset > 0 || count is not null)
        {
            var end = count is { } c ? (offset + c - 1).ToString(CultureInfo.InvariantCulture) : "";
            request.Headers["x-ms-range"] = $"bytes={offset.ToString(CultureInfo.InvariantCulture)}-{end}";
        }
        return SendAsync(request, $"read blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>Reads properties and metadata (HEAD): 200 or 404.</summary>
    public Task<StorageResponse> GetPropertiesAsync(string container, string blob, CancellationToken cancellationToken = default) =>
        SendAsync(new StorageRequest(HttpMethod.Head, BlobUri(container, blob)), $"read properties of blob '{container}/{blob}'", cancellationToken);

    /// <summary>Deletes the blob if the conditions hold: 202, 404 or 412.</summary>
    public Task<StorageResponse> DeleteBlobAsync(string container, string blob, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Delete, BlobUri(container, blob));
        conditions?.ApplyTo(request);
        return SendAsync(request, $"delete blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>
    /// Acquires a lease for 15–60 s (or infinite with null). 201 with <c>x-ms-lease-id</c>; 409 LeaseAlreadyPresent
    /// while someone else holds it.
    /// </summary>
    public Task<StorageResponse> AcquireLeaseAsync(string container, string blob, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        var request = LeaseRequest(container, blob, "acquire");
        request.Headers["x-ms-lease-duration"] = duration is { } d ? ((int)d.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "-1";
        if (proposedLeaseId is not null) request.Headers["x-ms-proposed-lease-id"] = proposedLeaseId;
        return SendAsync(request, $"acquire lease on blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>Renews a held lease: 200, or 409 when the lease was lost.</summary>
    public Task<StorageResponse> RenewLeaseAsync(string container, string blob, string leaseId, CancellationToken cancellationToken = default)
    {
        var request = LeaseRequest(container, blob, "renew");
        request.Headers["x-ms-lease-id"] = leaseId;
        return SendAsync(request, $"renew lease on blob '{container}/{blob}'", cancellationToken);
    }

    /// <summary>Releases a held lease: 200, or 409 when it is not ours.</summary>
    public Task<StorageResponse> ReleaseLeaseAsync(string container, string blob, string leaseId, CancellationToken cancellationToken = default)
    {
        var request = LeaseRequest(container, blob, "release");
        request.Headers["x-ms-lease-id"] = leaseId;
        return SendAsync(request, $"release lease on blob '{container}/{blob}'", cancellationToken);
    }

    private StorageRequest LeaseRequest(string container, string blob, string action)
    {
        var request = new StorageRequest(HttpMethod.Put, BlobUri(container, blob));
        request.Query["comp"] = "lease";
        request.Headers["x-ms-lease-action"] = action;
        return request;
    }

    private async Task<StorageResponse> SendAsync(StorageRequest request, string operation, CancellationToken cancellationToken)
    {
        var response = await transport.SendAsync(request, StorageService.Blob, operation, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || Interpreted.Contains(response.Status)) return response;
        throw new StorageRequestException($"{operation} in account '{Account.Name}'", response.Status, response.ErrorCode);
    }

    private static void AddMetadata(StorageRequest request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers["x-ms-meta-" + name] = value;
        }
    }

    private Uri ContainerUri(string container) => new($"{Account.BlobEndpoint}/{Uri.EscapeDataString(container)}");

    // Slashes stay as virtual folders; every segment is escaped on its own.
    private Uri BlobUri(string container, string blob) =>
        new($"{Account.BlobEndpoint}/{Uri.EscapeDataString(container)}/{string.Join('/', blob.Split('/').Select(Uri.EscapeDataString))}");
}
