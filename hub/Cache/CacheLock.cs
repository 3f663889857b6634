namespace Lens.Hub.Cache;

/// <summary>
/// An exclusive lock on one blob across processes: the lock file held open with <see cref="FileShare.None"/>, which
/// .NET takes as <c>flock(LOCK_EX)</c> on Unix, the lock Python's filelock takes on the same path.
/// </summary>
internal static class CacheLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<IDisposable> AcquireAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException e) when (IsHeldElsewhere(e)) { await Task.Delay(Poll, ct); }
        }
    }

    // EWOULDBLOCK on Unix; ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private static bool IsHeldElsewhere(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
