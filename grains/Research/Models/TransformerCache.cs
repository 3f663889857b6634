using System.Collections.Concurrent;
using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models;
using Lens.Hub;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Research.Models;

/// <summary>
/// The models this silo holds (every <see cref="ModelSource"/> list in its services), each loaded once on first use
/// and shared by all the work on the silo. Work borrows a model with <see cref="Rent"/>, so that a silo shutting down
/// never unmaps weights under a forward pass still running: models are disposed when the last lease is returned.
/// </summary>
public sealed class TransformerCache : IDisposable
{
    private readonly Dictionary<string, ModelSource> _sources;
    private readonly ConcurrentDictionary<string, Lazy<LoadedModel>> _loaded = new(StringComparer.Ordinal);
    private readonly int _threads;
    private readonly object _gate = new();
    private int _leases;
    private readonly HubClient? _hub;
    private bool _disposed;

    /// <param name="hub">Resolves sources that are hub ids (<c>org/name[@revision]</c>); by default configured from the HF_* environment.</param>
    public TransformerCache(IEnumerable<IReadOnlyList<ModelSource>> sources, IOptions<ResearchOptions> options, HubClient? hub = null)
    {
        _hub = hub;
        _sources = new Dictionary<string, ModelSource>(StringComparer.Ordinal);
        foreach (var source in sources.SelectMany(s => s)) _sources[source.Name] = source;
        _threads = options.Value.Threads;
    }

    /// <summary>Names of the models this silo holds, loaded or not.</summary>
    public IReadOnlyCollection<string> Names => _sources.Keys;

    /// <summary>Whether this silo holds <paramref name="name"/>.</summary>
    public bool Holds(string name) => _sources.ContainsKey(name);

    /// <summary>Borrows a model, loading it on first use; dispose the lease when done with it.</summary>
    /// <exception cref="ModelUnavailableException">This silo does not hold the model (the message lists those it holds), or loading it failed.</exception>
    /// <exception cref="ObjectDisposedException">The silo is shutting down.</exception>
    public ModelLease Rent(string name)
    {
        if (!_sources.TryGetValue(name, out var source))
            throw new ModelUnavailableException(name, _sources.Count == 0
                ? "this silo holds no models"
                : $"this silo holds only {string.Join(", ", _sources.Keys.Order(StringComparer.Ordinal))}");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _leases++;
        }
        try
        {
            return new ModelLease(this, Load(name, source));
        }
        catch
        {
            Return();
            throw;
        }
    }

    private LoadedModel Load(string name, ModelSource source)
    {
        var lazy = _loaded.GetOrAdd(name, _ => new Lazy<LoadedModel>(() =>
        {
            var location = ModelFiles.Locate(source with { Name = name }, _hub);
            var transformer = Transformer.Load(location, _threads);
            return new LoadedModel(name, transformer, TextCodecs.Open(location));
        }));
        try
        {
            return lazy.Value;
        }
        catch (Exception e)
        {
            _loaded.TryRemove(new(name, lazy)); // the next run tries again: the files may have been fixed
            if (e is ModelUnavailableException) throw;
            throw new ModelUnavailableException(name, $"loading {source.Location} failed: {e.Message}");
        }
    }

    internal void Return()
    {
        lock (_gate)
        {
            if (--_leases > 0 || !_disposed) return;
        }
        DisposeModels();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_leases > 0) return; // the last lease disposes them
        }
        DisposeModels();
    }

    private void DisposeModels()
    {
        foreach (var lazy in _loaded.Values)
            if (lazy.IsValueCreated) lazy.Value.Transformer.Dispose();
        _loaded.Clear();
    }
}
