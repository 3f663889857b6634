namespace Lens.Runtime.Storage;

/// <summary>
/// A conditional write found different data than expected (ETag or version mismatch). Nothing was
/// written. Not transient: retrying the same write fails again; the caller re-reads first.
/// </summary>
public class StorageConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageConflictException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public StorageConflictException(string message, Exception inner) : base(message, inner) { }
}
