namespace Lens.Runtime.Messaging;

/// <summary>The request certainly did not reach a silo (connection refused, silo stopped), so any call may be retried.</summary>
internal sealed class NotDeliveredException(string address, Exception? inner) : Exception($"Silo {address} could not be reached.", inner)
{
    public string Address { get; } = address;
}
