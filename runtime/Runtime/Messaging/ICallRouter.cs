namespace Lens.Runtime.Messaging;

/// <summary>Where outbound calls start and how they reach a silo: silos dispatch to themselves first, clients to a gateway.</summary>
internal interface ICallRouter
{
    /// <summary>Address of the first hop for <paramref name="grainId"/>.</summary>
    string FirstHop(GrainId grainId);

    /// <summary>Address to try after <paramref name="failedAddress"/> could not be reached.</summary>
    string NextHop(GrainId grainId, string failedAddress);

    /// <summary>Remembers where the grain answered from.</summary>
    void Remember(GrainId grainId, string address);

    /// <summary>Whether <paramref name="address"/> is this process's own silo (no network hop).</summary>
    bool IsLocal(string address);

    /// <summary>Dispatches in process.</summary>
    Task<CallResponse> DispatchLocalAsync(CallRequest request, CancellationToken cancellationToken);

    /// <summary>Dispatches a stream in process.</summary>
    IAsyncEnumerable<CallResponse> DispatchLocalStream(CallRequest request, CancellationToken cancellationToken);

    /// <summary>Cancelled when the caller's process stops.</summary>
    CancellationToken Lifetime { get; }
}
