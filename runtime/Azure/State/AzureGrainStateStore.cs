using System.Net;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.State;

/// <summary>
/// Grain state as one block blob per state name and grain (<c>{state}/{grain}</c>), guarded by the blob's
/// ETag: If-Match to replace, If-None-Match: * to create.
/// </summary>
public sealed class AzureGrainStateStore(BlobContainer container) : IGrainStateStore
{
    /// <inheritdoc />
    public async Task<GrainStateRecord> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken = default)
    {
        var response = await container.GetBlobAsync(BlobName(stateName, grainId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Status == HttpStatusCode.NotFound ? new GrainStateRecord(null, null) : new GrainStateRecord(response.Body, response.ETag);
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string stateName, string grainId, byte[] data, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var conditions = expectedETag is null ? BlobConditions.IfAbsent : BlobConditions.IfETag(expectedETag);
        var response = await container.PutBlockBlobAsync(BlobName(stateName, grainId), data, conditions, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess) return response.ETag!;
        throw await ConflictAsync(stateName, grainId, expectedETag, response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ClearAsync(string stateName, string grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var blob = BlobName(stateName, grainId);
        if (expectedETag is null)
        {
            // Clearing nothing: fine if nothing is stored, a conflict otherwise.
            var current = await ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
            if (current.ETag is not null) throw new StateConflictException(stateName, grainId, null, current.ETag);
            return;
        }
        var response = await container.DeleteBlobAsync(blob, BlobConditions.IfETag(expectedETag), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await ConflictAsync(stateName, grainId, expectedETag, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Exception> ConflictAsync(string stateName, string grainId, string? expectedETag, StorageResponse response, CancellationToken cancellationToken)
    {
        // 412 for a stale ETag, 409 BlobAlreadyExists for If-None-Match: *, 404 for an ETag on a missing record.
        if (response.Status is not (HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound))
            return new StorageRequestException($"write grain state '{stateName}' of '{grainId}'", response.Status, response.ErrorCode);
        var actual = await container.GetPropertiesAsync(BlobName(stateName, grainId), cancellationToken).ConfigureAwait(false);
        return new StateConflictException(stateName, grainId, expectedETag, actual.IsSuccess ? actual.ETag : null);
    }

    private static string BlobName(string stateName, string grainId) => SafeName.Escape(stateName) + "/" + SafeName.Escape(grainId);
}
