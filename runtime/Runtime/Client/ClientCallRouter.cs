using System.Collections.Concurrent;
using Lens.Runtime.Membership;
using Lens.Runtime.Messaging;

namespace Lens.Runtime.Client;

/// <summary>Client calls go to a random live gateway silo, which redirects to the activation; redirects are remembered.</summary>
internal sealed class ClientCallRouter(Func<ClusterView> view, CancellationToken lifetime) : ICallRouter
{
    private readonly ConcurrentDictionary<GrainId, string> _known = new();

    public CancellationToken Lifetime => lifetime;

    public string FirstHop(GrainId grainId) => _known.TryGetValue(grainId, out var address) ? address : AnyGateway(null);

    public string NextHop(GrainId grainId, string failedAddress)
    {
        _known.TryRemove(grainId, out _);
        return AnyGateway(failedAddress);
    }

    public void Remember(GrainId grainId, string address) => _known[grainId] = address;

    public bool IsLocal(string address) => false;

    public Task<CallResponse> DispatchLocalAsync(CallRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<CallResponse> DispatchLocalStream(CallRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    private string AnyGateway(string? avoid)
    {
        var gateways = view().Active.Select(r => r.Address).ToList();
        if (gateways.Count > 1 && avoid is not null) gateways.Remove(avoid);
        if (gateways.Count == 0) return SiloTransport.NoSilo; // retried with back-off until the view lists a silo or the deadline passes
        return gateways[Random.Shared.Next(gateways.Count)];
    }
}
