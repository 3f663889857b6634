namespace Lens.Runtime.Messaging;

/// <summary>The connection failed after the request was sent: the call may or may not have run.</summary>
internal sealed class InFlightException(string address, Exception inner) : Exception($"Connection to silo {address} failed while the call was in flight: {inner.Message}", inner)
{
    public string Address { get; } = address;
}
