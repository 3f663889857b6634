namespace Lens.Hub.Remote;

/// <summary>A failure worth another try: a dropped or refused connection, a stalled read, a 5xx or 429 answer.</summary>
internal sealed class TransientHubFailure(string message, Exception? inner = null) : Exception(message, inner);
