using System.Collections.Concurrent;

namespace Lens.Runtime.Storage.File;

/// <summary>
/// Exclusive access to one stored file: an in-process semaphore (shared by every store instance in the
/// process, so in-process test silos coordinate) plus an OS lock file against other processes.
/// </summary>
internal sealed class FileLock : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_gates = new();
    private readonly SemaphoreSlim _gate;
    private readonly FileStream _lockFile;

    private FileLock(SemaphoreSlim gate, FileStream lockFile)
    {
        _gate = gate;
        _lockFile = lockFile;
    }

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var gate = s_gates.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var stream = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    return new FileLock(gate, stream);
                }
                catch (IOException) when (attempt < 500 && !cancellationToken.IsCancellationRequested)
                {
                    // Another process holds it; appends are short, so poll briefly.
                    await Task.Delay(2, cancellationToken);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _lockFile.Dispose();
        _gate.Release();
        return ValueTask.CompletedTask;
    }
}
