using System.Net;
using System.Security.Cryptography;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.LargeValues;

/// <summary>
/// Large values as block blobs named by their SHA-256. A put is create-only (If-None-Match: *): the same
/// content under the same name is already there, so 409 BlobAlreadyExists means done.
/// </summary>
public sealed class AzureLargeValueStore(BlobContainer container) : ILargeValueStore
{
    /// <inheritdoc />
    public async Task<LargeValueRef> PutAsync(ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var reference = new LargeValueRef(IdOf(value.Span), value.Length);
        var response = await container.PutBlockBlobAsync(reference.Id, value, BlobConditions.IfAbsent, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || response.Status == HttpStatusCode.Conflict) return reference;
        throw new StorageRequestException($"put large value {reference.Id}", response.Status, response.ErrorCode);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(LargeValueRef reference, CancellationToken cancellationToken = default)
    {
        var response = await container.GetBlobAsync(reference.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) throw new KeyNotFoundException($"No large value '{reference.Id}' in container '{container.Name}'.");
        if (IdOf(response.Body) != reference.Id) throw new InvalidDataException($"Large value '{reference.Id}' in container '{container.Name}' does not match its hash.");
        return response.Body;
    }

    private static string IdOf(ReadOnlySpan<byte> value) => "sha256-" + Convert.ToHexStringLower(SHA256.HashData(value));
}
