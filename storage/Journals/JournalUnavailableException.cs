namespace Lens.Storage.Journals;

/// <summary>
/// The journal's store did not answer (down, hung, unreachable or locked). For an append the outcome is unknown: the
/// batch may be stored. Re-read, or resubmit the same batch (same event ids) at the same expected version.
/// </summary>
public sealed class JournalUnavailableException(string stream, string endpoint, string operation, string reason, Exception? innerException = null)
    : Exception($"Journal storage unavailable: could not {operation} stream '{stream}' at {endpoint}: {reason}.", innerException)
{
    /// <summary>The stream concerned.</summary>
    public string Stream { get; } = stream;

    /// <summary>Where the store is: a blob service URI or a folder.</summary>
    public string Endpoint { get; } = endpoint;
}
