using Lens.Runtime.Catalog;
using Lens.Runtime.Messaging;

namespace Lens.Runtime.Client;

/// <summary><see cref="IGrainFactory"/> over a set of outbound calls (silo-side or client-side).</summary>
internal sealed class GrainReferenceFactory(Func<OutboundCalls> calls) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => Create<TGrain>(key);

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Create<TGrain>(key.ToString("N"));

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey =>
        Create<TGrain>(key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private TGrain Create<TGrain>(string key)
    {
        var grainInterface = GrainInterface.For(typeof(TGrain));
        return (TGrain)GrainProxy.Create(typeof(TGrain), new GrainId(grainInterface.TypeName, key), calls());
    }
}
