namespace Lens.Storage.Files;

/// <summary>
/// Exclusive use of one stored file across threads and processes: an in-process gate first (so threads queue without
/// polling), then an OS lock on a <c>.lock</c> file beside it (advisory <c>flock</c>, released if the process dies).
/// </summary>
internal sealed class FileLock : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly FileStream _lockFile;

    private FileLock(SemaphoreSlim gate, FileStream lockFile)
    {
        _gate = gate;
        _lockFile = lockFile;
    }

    /// <summary>Waits for the lock.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<FileLock> AcquireAsync(string lockPath, SemaphoreSlim gate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            throw new TimeoutException($"'{lockPath}' stayed locked by this process for {timeout.TotalSeconds:0.#} s.");
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            for (var delay = 1; ; delay = Math.Min(delay * 2, 20))
            {
                try
                {
                    return new FileLock(gate, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                }
                catch (IOException) when (File.Exists(lockPath) && DateTime.UtcNow < deadline)
                {
                    // Held by another process (or another journal instance): the work under it is short, so poll.
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e) when (File.Exists(lockPath))
                {
                    throw new TimeoutException($"'{lockPath}' stayed locked by another process for {timeout.TotalSeconds:0.#} s.", e);
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
