using System.Text.Json;

namespace Lens.Runtime.Messaging;

/// <summary>A grain call on the wire (JSON body of <c>POST /lens/call</c> and <c>/lens/stream</c>).</summary>
/// <param name="GrainType">Grain type name.</param>
/// <param name="Key">Grain key.</param>
/// <param name="Method">Interface method name.</param>
/// <param name="Arguments">One JSON value per non-cancellation parameter.</param>
/// <param name="TimeoutMs">Time left until the caller's deadline (relative, so clock skew does not matter).</param>
/// <param name="PlacedOn">Address the sender's placement chose, honoured only when the grain has no live registration.</param>
/// <param name="Hops">Redirects followed so far.</param>
public sealed record CallRequest(string GrainType, string Key, string Method, JsonElement[] Arguments, int TimeoutMs, string? PlacedOn = null, int Hops = 0)
{
    public GrainId GrainId => new(GrainType, Key);
}
