using System.Collections.Concurrent;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Models;

/// <summary>
/// The models this silo serves for chat: each <see cref="ServedModel"/> built on first use over the weights it borrows
/// from <see cref="LoadedModels"/> (the same weights research runs use), and shared by all model grain activations
/// here. A silo-wide singleton.
/// </summary>
public sealed class LocalModels : IDisposable
{
    private readonly LoadedModels _models;
    private readonly ConcurrentDictionary<string, Lazy<ServedModel>> _served = new(StringComparer.Ordinal);
    private readonly IBatchedForward _forward;
    private readonly ModelServingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LocalModels> _logger;

    public LocalModels(LoadedModels models, IBatchedForward forward, IOptions<ModelServingOptions> options, TimeProvider clock, ILogger<LocalModels> logger) =>
        (_models, _forward, _options, _clock, _logger) = (models, forward, options.Value, clock, logger);

    /// <summary>The served model, loading its weights on first use.</summary>
    /// <exception cref="ModelUnavailableException">This silo does not hold it, it failed to load, or it has no tokenizer to chat with.</exception>
    public ServedModel Get(string name)
    {
        var lazy = _served.GetOrAdd(name, _ => new Lazy<ServedModel>(() => Serve(name)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _served.TryRemove(new(name, lazy)); // the next request tries again (the files may have been fixed)
            throw;
        }
    }

    /// <summary>What this silo reports to the directory: every held model (served or not), the load of served ones, and their caches.</summary>
    public SiloModelReport Report(string silo)
    {
        var served = _served.Values.Where(l => l.IsValueCreated).Select(l => l.Value).ToDictionary(m => m.Name, StringComparer.Ordinal);
        var loaded = _models.Loaded;
        var described = _models.Sources.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => served.TryGetValue(s.Name, out var m) ? m.Describe()
                : loaded.Contains(s.Name) ? DescribeLoaded(s) // loaded by a research run, not chatted with yet
                : ModelConfigs.DescribeUnloaded(s))
            .ToArray();
        var cache = served.Values.Aggregate(CacheStatus.Empty, (sum, m) => sum.Plus(m.CacheStatus()));
        return new SiloModelReport(silo, described, served.Values.Select(m => m.Load()).ToArray(), cache, _clock.GetUtcNow());
    }

    private ModelDescription DescribeLoaded(ModelSource source)
    {
        try
        {
            using var lease = _models.Rent(source.Name); // already loaded: no load happens here
            return ServedModel.Describe(source.Name, lease.Model.Transformer.Config, loaded: true);
        }
        catch (Exception e) when (e is ObjectDisposedException or ModelUnavailableException)
        {
            return ModelConfigs.DescribeUnloaded(source); // the silo is shutting down
        }
    }

    private ServedModel Serve(string name)
    {
        var lease = _models.Rent(name);
        try
        {
            var codec = lease.Model.Codec
                ?? throw new ModelUnavailableException(name, $"{lease.Model.Location} has no tokenizer.json or tokenizer.bin, so it cannot chat");
            return new ServedModel(lease, codec, _forward, _options, _clock, _logger);
        }
        catch (Exception e)
        {
            lease.Dispose();
            throw e as ModelUnavailableException ?? new ModelUnavailableException(name, $"serving it failed: {e.Message}");
        }
    }

    /// <summary>Stops serving; each model's weights go when research runs still using them return their leases too.</summary>
    public void Dispose()
    {
        foreach (var l in _served.Values) if (l.IsValueCreated) l.Value.Dispose();
    }
}
