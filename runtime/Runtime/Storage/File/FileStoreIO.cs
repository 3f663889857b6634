namespace Lens.Runtime.Storage.File;

/// <summary>Maps disk failures to <see cref="StorageUnavailableException"/> so callers see one outage type.</summary>
internal static class FileStoreIO
{
    public static async Task<T> Run<T>(string operation, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not FileNotFoundException)
        {
            throw new StorageUnavailableException(operation, ex);
        }
    }

    public static Task Run(string operation, Func<Task> action) =>
        Run(operation, async () => { await action(); return true; });
}
