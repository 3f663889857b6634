using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lens.Runtime.Catalog;
using Lens.Runtime.Hosting;

namespace Lens.Runtime.Metrics;

/// <summary>
/// Per-silo telemetry, kept twice: as System.Diagnostics.Metrics instruments (meter <c>Lens.Runtime</c>, for
/// OpenTelemetry exporters) and as aggregates a dashboard reads through <see cref="Snapshot"/>.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "Lens.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _storageDuration;
    private readonly ConcurrentDictionary<(string, string), (LatencyHistogram Latency, long[] Counts)> _methods = new();
    private readonly LatencyHistogram _storage = new();
    private long _storageErrors;
    private long _rejected;
    private readonly LocalSilo _silo;
    private readonly Func<ActivationCatalog> _catalog;
    private readonly Func<int> _reminders;

    internal SiloMetrics(LocalSilo silo, Func<ActivationCatalog> catalog, Func<int> reminders)
    {
        _silo = silo;
        _catalog = catalog;
        _reminders = reminders;
        _meter = new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("lens.grain.calls", description: "Grain calls handled");
        _errors = _meter.CreateCounter<long>("lens.grain.errors", description: "Grain calls that failed");
        _callDuration = _meter.CreateHistogram<double>("lens.grain.call.duration", "ms", "Grain call latency per method");
        _storageDuration = _meter.CreateHistogram<double>("lens.storage.duration", "ms", "Journal storage latency");
        _meter.CreateObservableGauge("lens.activations", () => ActivationsByType().Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("grain.type", p.Key))));
        _meter.CreateObservableGauge("lens.queue.length", () => _catalog().Activations.Sum(a => a.Scheduler.QueueLength));
        _meter.CreateObservableGauge("lens.reminders", () => _reminders());
    }

    internal void RecordCall(string grainType, string method, double milliseconds, bool failed)
    {
        var tags = new TagList { { "grain.type", grainType }, { "method", method } };
        _calls.Add(1, tags);
        _callDuration.Record(milliseconds, tags);
        var stats = _methods.GetOrAdd((grainType, method), static _ => (new LatencyHistogram(), new long[2]));
        stats.Latency.Record(milliseconds);
        Interlocked.Increment(ref stats.Counts[0]);
        if (failed)
        {
            _errors.Add(1, tags);
            Interlocked.Increment(ref stats.Counts[1]);
        }
    }

    internal void RecordStorage(string operation, double milliseconds, bool failed)
    {
        _storageDuration.Record(milliseconds, new KeyValuePair<string, object?>("operation", operation));
        _storage.Record(milliseconds);
        if (failed) Interlocked.Increment(ref _storageErrors);
    }

    internal void RecordRejected(GrainCallErrorKind kind)
    {
        Interlocked.Increment(ref _rejected);
        _errors.Add(1, new KeyValuePair<string, object?>("rejected", kind.ToString()));
    }

    /// <summary>The current aggregates.</summary>
    public SiloStatistics Snapshot() => new(
        _silo.Id, _silo.Address, _silo.Status.ToString(), DateTimeOffset.UtcNow,
        ActivationsByType(),
        _catalog().Activations.Sum(a => a.Scheduler.QueueLength),
        _reminders(),
        Interlocked.Read(ref _rejected),
        _methods.Select(p => new MethodStatistics(p.Key.Item1, p.Key.Item2, Interlocked.Read(ref p.Value.Counts[0]), Interlocked.Read(ref p.Value.Counts[1]),
            p.Value.Latency.Quantile(0.5), p.Value.Latency.Quantile(0.99), p.Value.Latency.Counts())).OrderBy(m => m.GrainType).ThenBy(m => m.Method).ToList(),
        _storage.Quantile(0.5), _storage.Quantile(0.99), Interlocked.Read(ref _storageErrors), LatencyHistogram.BoundsMs);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private Dictionary<string, int> ActivationsByType() =>
        _catalog().Activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count());
}
