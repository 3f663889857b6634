using System.Net;
using System.Text.Json;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Registrations;

/// <summary>
/// Grain registrations as one small blob per grain (<c>registrations/{grain}</c>). The first writer wins with
/// If-None-Match: *; a takeover replaces with If-Match on the registration it saw.
/// </summary>
public sealed class AzureRegistrationStore(BlobContainer container) : IGrainRegistrationStore
{
    // Each retry means the blob changed between our write and our read; a handful is plenty.
    private const int MaxAttempts = 8;

    /// <inheritdoc />
    public async Task<GrainRegistration?> LookupAsync(string grainId, CancellationToken cancellationToken = default)
    {
        var response = await container.GetBlobAsync(BlobName(grainId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) return null;
        var document = JsonSerializer.Deserialize<RegistrationDocument>(response.Body, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"Registration blob of '{grainId}' is empty.");
        return new GrainRegistration(document.GrainId, document.SiloId, document.SiloAddress, document.ActivationId, response.ETag);
    }

    /// <inheritdoc />
    public async Task<GrainRegistration> RegisterAsync(GrainRegistration proposed, string? previousETag, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RegistrationDocument(proposed.GrainId, proposed.SiloId, proposed.SiloAddress, proposed.ActivationId), JsonSerializerOptions.Web);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var conditions = previousETag is null ? BlobConditions.IfAbsent : BlobConditions.IfETag(previousETag);
            var response = await container.PutBlockBlobAsync(BlobName(proposed.GrainId), body, conditions, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess) return proposed with { ETag = response.ETag };
            if (response.Status is not (HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound))
                throw new StorageRequestException($"register grain '{proposed.GrainId}'", response.Status, response.ErrorCode);

            var current = await LookupAsync(proposed.GrainId, cancellationToken).ConfigureAwait(false);
            if (current is not null) return current;
            previousETag = null; // it vanished in between: compete for a fresh registration
        }
        throw new StorageConflictException($"Registration of '{proposed.GrainId}' kept changing during {MaxAttempts} attempts.");
    }

    /// <inheritdoc />
    public async Task<bool> UnregisterAsync(string grainId, string etag, CancellationToken cancellationToken = default)
    {
        var response = await container.DeleteBlobAsync(BlobName(grainId), BlobConditions.IfETag(etag), cancellationToken).ConfigureAwait(false);
        return response.IsSuccess;
    }

    private static string BlobName(string grainId) => "registrations/" + SafeName.Escape(grainId);
}
