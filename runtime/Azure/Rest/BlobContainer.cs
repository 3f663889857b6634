using System.Net;

namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// One container of a <see cref="BlobClient"/>, created on demand: a write that meets ContainerNotFound
/// creates the container and is sent once more, so no call pays for an existence check.
/// </summary>
public sealed class BlobContainer(BlobClient client, string name)
{
    /// <summary>The container name.</summary>
    public string Name { get; } = name;

    /// <summary>See <see cref="BlobClient.PutBlockBlobAsync"/>.</summary>
    public Task<StorageResponse> PutBlockBlobAsync(string blob, ReadOnlyMemory<byte> content, BlobConditions? conditions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        WithContainerAsync(() => client.PutBlockBlobAsync(Name, blob, content, conditions, metadata, cancellationToken), cancellationToken);

    /// <summary>See <see cref="BlobClient.CreateAppendBlobAsync"/>.</summary>
    public Task<StorageResponse> CreateAppendBlobAsync(string blob, BlobConditions? conditions = null, CancellationToken cancellationToken = default) =>
        WithContainerAsync(() => client.CreateAppendBlobAsync(Name, blob, conditions, cancellationToken), cancellationToken);

    /// <summary>See <see cref="BlobClient.AppendBlockAsync"/>.</summary>
    public Task<StorageResponse> AppendBlockAsync(string blob, ReadOnlyMemory<byte> content, BlobConditions? conditions = null, CancellationToken cancellationToken = default) =>
        client.AppendBlockAsync(Name, blob, content, conditions, cancellationToken);

    /// <summary>See <see cref="BlobClient.GetBlobAsync"/>.</summary>
    public Task<StorageResponse> GetBlobAsync(string blob, long offset = 0, long? count = null, CancellationToken cancellationToken = default) =>
        client.GetBlobAsync(Name, blob, offset, count, cancellationToken);

    /// <summary>See <see cref="BlobClient.GetPropertiesAsync"/>.</summary>
    public Task<StorageResponse> GetPropertiesAsync(string blob, CancellationToken cancellationToken = default) =>
        client.GetPropertiesAsync(Name, blob, cancellationToken);

    /// <summary>See <see cref="BlobClient.DeleteBlobAsync"/>.</summary>
    public Task<StorageResponse> DeleteBlobAsync(string blob, BlobConditions? conditions = null, CancellationToken cancellationToken = default) =>
        client.DeleteBlobAsync(Name, blob, conditions, cancellationToken);

    private async Task<StorageResponse> WithContainerAsync(Func<Task<StorageResponse>> write, CancellationToken cancellationToken)
    {
        var response = await write().ConfigureAwait(false);
        if (response.Status != HttpStatusCode.NotFound || response.ErrorCode != "ContainerNotFound") return response;
        await client.CreateContainerAsync(Name, cancellationToken).ConfigureAwait(false);
        return await write().ConfigureAwait(false);
    }
}
