namespace Lens.Grains.Models;

/// <summary>A model borrowed from <see cref="LoadedModels"/>: its weights stay mapped until every lease is disposed.</summary>
public sealed class ModelLease : IDisposable
{
    private LoadedModels? _models;

    internal ModelLease(LoadedModels models, LoadedModel model) => (_models, Model) = (models, model);

    public LoadedModel Model { get; }

    /// <summary>Returns the lease; a second dispose does nothing.</summary>
    public void Dispose() => Interlocked.Exchange(ref _models, null)?.Return();
}
