namespace Lens.Runtime.Storage;

/// <summary>
/// The backing storage could not be reached or failed (connection refused, timeout, HTTP 5xx, disk I/O
/// error). Transient by nature. For writes the outcome may be unknown: the caller must re-read before
/// deciding whether the write happened.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was attempted, e.g. <c>append journal conversation/abc</c>.</param>
    /// <param name="inner">The underlying failure.</param>
    public StorageUnavailableException(string operation, Exception? inner = null)
        : base($"Storage unavailable during {operation}" + (inner is null ? "." : $": {inner.Message}"), inner)
    {
        Operation = operation;
    }

    /// <summary>What was attempted.</summary>
    public string Operation { get; }
}
