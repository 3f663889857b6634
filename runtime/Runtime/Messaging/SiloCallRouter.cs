using Lens.Runtime.Hosting;

namespace Lens.Runtime.Messaging;

/// <summary>Calls made on a silo start at its own dispatcher, which knows the directory and placement.</summary>
internal sealed class SiloCallRouter(LocalSilo silo, Func<CallDispatcher> dispatcher) : ICallRouter
{
    public CancellationToken Lifetime => silo.Lifetime;

    public string FirstHop(GrainId grainId) => silo.Address;

    public string NextHop(GrainId grainId, string failedAddress) => silo.Address;

    public void Remember(GrainId grainId, string address)
    {
        // The directory cache already remembers.
    }

    public bool IsLocal(string address) => address == silo.Address;

    public Task<CallResponse> DispatchLocalAsync(CallRequest request, CancellationToken cancellationToken) =>
        dispatcher().HandleAsync(request, cancellationToken);

    public IAsyncEnumerable<CallResponse> DispatchLocalStream(CallRequest request, CancellationToken cancellationToken) =>
        dispatcher().HandleStreamAsync(request, cancellationToken);
}
