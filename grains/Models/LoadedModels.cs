using System.Collections.Concurrent;
using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;
using Lens.Hub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Models;

/// <summary>
/// The weights of the models this silo holds (every <see cref="ModelSource"/> list in its services), each loaded once
/// on first use and shared by everything on the silo: chat serving and research runs use the very same
/// <see cref="Transformer"/>. Work borrows a model with <see cref="Rent"/>, so that a silo shutting down never unmaps
/// weights under a forward pass still running: the models are unloaded when the last lease is returned. A silo-wide
/// singleton.
/// </summary>
public sealed class LoadedModels : IDisposable
{
    private readonly Dictionary<string, ModelSource> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<LoadedModel>> _loaded = new(StringComparer.Ordinal);
    private readonly int _threads;
    private readonly HubClient? _hub;
    private readonly ILogger<LoadedModels> _logger;
    private readonly object _gate = new();
    private int _leases;
    private int _loads;
    private bool _disposed;

    /// <param name="options">Its <see cref="ModelServingOptions.Threads"/> is every loaded model's thread count.</param>
    /// <param name="hub">Resolves sources that are hub ids (<c>org/name[@revision]</c>); by default configured from the HF_* environment.</param>
    /// <exception cref="ArgumentException">Two sources share a name but not a location.</exception>
    public LoadedModels(IEnumerable<IReadOnlyList<ModelSource>> sources, IOptions<ModelServingOptions> options, ILogger<LoadedModels> logger, HubClient? hub = null)
    {
        foreach (var source in sources.SelectMany(s => s))
        {
            if (_sources.TryGetValue(source.Name, out var known) && known != source)
                throw new ArgumentException($"the model '{source.Name}' is configured twice: at {known.Location} and at {source.Location}", nameof(sources));
            _sources[source.Name] = source;
        }
        (_threads, _logger, _hub) = (options.Value.Threads, logger, hub);
    }

    /// <summary>The models this silo holds, loaded or not.</summary>
    public IReadOnlyCollection<ModelSource> Sources => _sources.Values;

    /// <summary>Names of the models this silo holds, loaded or not, in ordinal order.</summary>
    public IReadOnlyList<string> Names => _sources.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether this silo holds <paramref name="name"/>.</summary>
    public bool Holds(string name) => _sources.ContainsKey(name);

    /// <summary>Names of the models whose weights are in memory now.</summary>
    public IReadOnlyList<string> Loaded => _loaded.Where(l => l.Value.IsValueCreated).Select(l => l.Key).Order(StringComparer.Ordinal).ToArray();

    /// <summary>How many times weights were read from disk since the silo started (a failed load does not count).</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Leases not yet returned.</summary>
    public int Leases { get { lock (_gate) return _leases; } }

    /// <summary>Borrows a model, loading it on first use; dispose the lease when done with it.</summary>
    /// <exception cref="ModelUnavailableException">
    /// This silo does not hold the model (the message lists those it holds), or loading it failed (the message says
    /// why; the next call tries again).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The silo is shutting down.</exception>
    public ModelLease Rent(string name)
    {
        if (!_sources.TryGetValue(name, out var source))
            throw new ModelUnavailableException(name, _sources.Count == 0 ? "this silo holds no models" : $"this silo holds only {string.Join(", ", Names)}");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _leases++;
        }
        try
        {
            return new ModelLease(this, Load(source));
        }
        catch
        {
            Return();
            throw;
        }
    }

    private LoadedModel Load(ModelSource source)
    {
        var lazy = _loaded.GetOrAdd(source.Name, _ => new Lazy<LoadedModel>(() => Read(source)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e)
        {
            _loaded.TryRemove(new(source.Name, lazy)); // the next call tries again: the files may have been fixed
            throw e as ModelUnavailableException ?? new ModelUnavailableException(source.Name, $"loading {source.Location} failed: {e.Message}");
        }
    }

    private LoadedModel Read(ModelSource source)
    {
        var location = ModelFiles.Locate(source, _hub);
        _logger.LogInformation("Loading model {Model} from {Location}", source.Name, location);
        var transformer = Transformer.Load(location, _threads);
        try
        {
            var model = new LoadedModel(source.Name, location, transformer, TextCodecs.Open(location));
            Interlocked.Increment(ref _loads);
            return model;
        }
        catch
        {
            transformer.Dispose();
            throw;
        }
    }

    internal void Return()
    {
        lock (_gate)
        {
            if (--_leases > 0 || !_disposed) return;
        }
        Unload();
    }

    /// <summary>Refuses new leases; the weights are unloaded now, or when the last lease still out is returned.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_leases > 0) return; // the last lease unloads them
        }
        Unload();
    }

    private void Unload()
    {
        foreach (var (name, lazy) in _loaded)
            if (_loaded.TryRemove(new(name, lazy)) && lazy.IsValueCreated) lazy.Value.Transformer.Dispose();
    }
}
