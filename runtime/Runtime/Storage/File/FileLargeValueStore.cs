using System.Security.Cryptography;

namespace Lens.Runtime.Storage.File;

/// <summary>Content-addressed files <c>values/sha256-…</c>; the hash is verified on read.</summary>
public sealed class FileLargeValueStore(string root, bool durable = true) : ILargeValueStore
{
    private readonly string _values = System.IO.Directory.CreateDirectory(Path.Combine(root, "values")).FullName;

    /// <inheritdoc />
    public Task<LargeValueRef> PutAsync(ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        FileStoreIO.Run("put large value", async () =>
        {
            var reference = new LargeValueRef("sha256-" + Convert.ToHexStringLower(SHA256.HashData(value.Span)), value.Length);
            var path = Path.Combine(_values, reference.Id);
            if (!System.IO.File.Exists(path)) await AtomicFile.WriteAsync(path, value, durable, cancellationToken);
            return reference;
        });

    /// <inheritdoc />
    public Task<byte[]> GetAsync(LargeValueRef reference, CancellationToken cancellationToken = default) =>
        FileStoreIO.Run($"get large value {reference.Id}", async () =>
        {
            var bytes = await AtomicFile.ReadAsync(Path.Combine(_values, SafeFileName.For(reference.Id)), cancellationToken)
                ?? throw new KeyNotFoundException($"Large value '{reference.Id}' does not exist.");
            if ("sha256-" + Convert.ToHexStringLower(SHA256.HashData(bytes)) != reference.Id)
                throw new StorageUnavailableException($"get large value {reference.Id}", new InvalidDataException("Content hash mismatch."));
            return bytes;
        });
}
