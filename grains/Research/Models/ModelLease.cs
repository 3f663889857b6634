namespace Lens.Grains.Research.Models;

/// <summary>A model borrowed from the <see cref="TransformerCache"/>; usable until disposed.</summary>
public sealed class ModelLease : IDisposable
{
    private TransformerCache? _cache;

    internal ModelLease(TransformerCache cache, LoadedModel model) => (_cache, Model) = (cache, model);

    public LoadedModel Model { get; }

    public void Dispose() => Interlocked.Exchange(ref _cache, null)?.Return();
}
