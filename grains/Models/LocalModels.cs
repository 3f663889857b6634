using System.Collections.Concurrent;
using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;
using Lens.Hub;
using Lens.Grains.Models.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lens.Grains.Models;

/// <summary>
/// The models this silo holds (the <see cref="ModelSource"/>s in its services), each loaded once, on first use, and
/// shared by all model grain activations here. A silo-wide singleton.
/// </summary>
public sealed class LocalModels : IDisposable
{
    private readonly Dictionary<string, ModelSource> _sources;
    private readonly ConcurrentDictionary<string, Lazy<ServedModel>> _loaded = new(StringComparer.Ordinal);
    private readonly IBatchedForward _forward;
    private readonly ModelServingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LocalModels> _logger;
    private readonly HubClient? _hub;

    public LocalModels(IEnumerable<IReadOnlyList<ModelSource>> sources, IBatchedForward forward, IOptions<ModelServingOptions> options,
        TimeProvider clock, ILogger<LocalModels> logger, HubClient? hub = null)
    {
        _sources = sources.SelectMany(x => x).ToDictionary(s => s.Name, StringComparer.Ordinal);
        (_forward, _options, _clock, _logger, _hub) = (forward, options.Value, clock, logger, hub);
    }

    /// <summary>The loaded model, loading it on first use.</summary>
    /// <exception cref="ModelUnavailableException">This silo does not hold it, or it failed to load.</exception>
    public ServedModel Get(string name)
    {
        if (!_sources.TryGetValue(name, out var source))
            throw new ModelUnavailableException(name, _sources.Count == 0
                ? "this silo holds no models"
                : $"this silo holds only {string.Join(", ", _sources.Keys.Order())}");
        var lazy = _loaded.GetOrAdd(name, _ => new Lazy<ServedModel>(() => Load(source)));
        try
        {
            return lazy.Value;
        }
        catch (Exception e)
        {
            _loaded.TryRemove(new(name, lazy)); // the next request tries again (the files may have been fixed)
            throw e as ModelUnavailableException ?? new ModelUnavailableException(name, $"loading {source.Location} failed: {e.Message}");
        }
    }

    /// <summary>What this silo reports to the directory: every held model (loaded or not), the load of loaded ones, and their caches.</summary>
    public SiloModelReport Report(string silo)
    {
        var loaded = _loaded.Values.Where(l => l.IsValueCreated).Select(l => l.Value).ToList();
        var described = _sources.Keys.Order(StringComparer.Ordinal)
            .Select(n => loaded.FirstOrDefault(m => m.Name == n)?.Describe() ?? ModelConfigs.DescribeUnloaded(_sources[n]))
            .ToArray();
        var cache = loaded.Aggregate(CacheStatus.Empty, (sum, m) => sum.Plus(m.CacheStatus()));
        return new SiloModelReport(silo, described, loaded.Select(m => m.Load()).ToArray(), cache, _clock.GetUtcNow());
    }

    private ServedModel Load(ModelSource source)
    {
        source = source with { Location = ModelFiles.Locate(source, _hub) };
        var codec = TextCodecs.Open(source.Location)
            ?? throw new ModelUnavailableException(source.Name, $"{source.Location} has no tokenizer.json or tokenizer.bin, so it cannot chat");
        _logger.LogInformation("Loading model {Model} from {Location}", source.Name, source.Location);
        var model = Transformer.Load(source.Location, _options.Threads);
        return new ServedModel(source.Name, model, codec, _forward, _options, _clock, _logger);
    }

    public void Dispose()
    {
        foreach (var l in _loaded.Values) if (l.IsValueCreated) l.Value.Dispose();
    }
}
