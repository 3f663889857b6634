namespace Lens.Runtime.Azure.Rest;

/// <summary>Preconditions of a blob write; the service answers 412 (or 409 for If-None-Match: *) when one fails.</summary>
/// <param name="IfMatch">Write only if the blob's ETag equals this (verbatim, quotes included).</param>
/// <param name="IfNoneMatch"><c>*</c>: write only if the blob does not exist.</param>
/// <param name="AppendPosition">Append only if the append blob's length is exactly this.</param>
/// <param name="LeaseId">The active lease on the blob, required while it is leased.</param>
public sealed record BlobConditions(string? IfMatch = null, string? IfNoneMatch = null, long? AppendPosition = null, string? LeaseId = null)
{
    /// <summary>Only if the blob does not exist yet.</summary>
    public static BlobConditions IfAbsent { get; } = new(IfNoneMatch: "*");

    /// <summary>Only if the blob's ETag is <paramref name="etag"/>.</summary>
    public static BlobConditions IfETag(string etag) => new(IfMatch: etag);

    internal void ApplyTo(StorageRequest request)
    {
        if (IfMatch is not null) request.Headers["If-Match"] = IfMatch;
        if (IfNoneMatch is not null) request.Headers["If-None-Match"] = IfNoneMatch;
        if (AppendPosition is { } position) request.Headers["x-ms-blob-condition-appendpos"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (LeaseId is not null) request.Headers["x-ms-lease-id"] = LeaseId;
    }
}
