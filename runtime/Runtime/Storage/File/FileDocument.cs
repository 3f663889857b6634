using System.Text.Json;

namespace Lens.Runtime.Storage.File;

/// <summary>
/// A small JSON document updated by read-modify-write under <see cref="FileLock"/> and replaced
/// atomically; the membership table, reminders, grain state and registrations are built on it.
/// </summary>
internal sealed class FileDocument<T>(string path, bool durable) where T : class, new()
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public async Task<T> ReadAsync(CancellationToken cancellationToken)
    {
        var bytes = await FileStoreIO.Run($"read {Path}", () => AtomicFile.ReadAsync(Path, cancellationToken));
        return bytes is null ? new T() : JsonSerializer.Deserialize<T>(bytes, s_json) ?? new T();
    }

    /// <summary>Applies <paramref name="change"/>; the document is written only when it returns <c>Write = true</c>.</summary>
    public Task<TResult> UpdateAsync<TResult>(Func<T, (bool Write, TResult Result)> change, CancellationToken cancellationToken) =>
        FileStoreIO.Run($"update {Path}", async () =>
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var _ = await FileLock.AcquireAsync(Path, cancellationToken);
            var document = await ReadAsync(cancellationToken);
            var (write, result) = change(document);
            if (write) await AtomicFile.WriteAsync(Path, JsonSerializer.SerializeToUtf8Bytes(document, s_json), durable, cancellationToken);
            return result;
        });

    public Task DeleteAsync(CancellationToken cancellationToken) =>
        FileStoreIO.Run($"delete {Path}", async () =>
        {
            await using var _ = await FileLock.AcquireAsync(Path, cancellationToken);
            System.IO.File.Delete(Path);
        });
}
