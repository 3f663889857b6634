namespace Lens.Hub;

/// <summary>A model could not be resolved from the hub or its cache; the message is written for the user.</summary>
public sealed class HubException(HubError error, string message, Exception? inner = null) : IOException(message, inner)
{
    public HubError Error { get; } = error;
}
