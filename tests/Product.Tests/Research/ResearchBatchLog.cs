using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lens.Grains.Research;

namespace Lens.Product.Tests.Research;

/// <summary>
/// Every batch execution of one run, as the silos report them (<see cref="ResearchTelemetry"/>): which batch, on which
/// silo, when. Can also hold a batch as it starts, on its worker thread, until released: a barrier for "mid-batch".
/// </summary>
internal sealed class ResearchBatchLog : IDisposable
{
    private readonly string _run;
    private readonly MeterListener _listener = new();
    private readonly List<Execution> _executions = [];
    private readonly List<(Func<Execution, bool> Match, TaskCompletionSource<Execution> Done)> _waiters = [];
    private readonly ManualResetEventSlim _release = new(false);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _holdBatch = -1;
    private TaskCompletionSource<Execution>? _held;

    public ResearchBatchLog(string run)
    {
        _run = run;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ResearchTelemetry.MeterName && instrument.Name == ResearchTelemetry.BatchExecutionsName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => OnBatch(tags));
        _listener.Start();
    }

    /// <summary>One batch started computing.</summary>
    public sealed record Execution(int Batch, string Silo, TimeSpan At);

    /// <summary>Time since the log was made, on the clock of <see cref="Execution.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Execution> Executions
    {
        get { lock (_executions) return _executions.ToList(); }
    }

    /// <summary>Holds <paramref name="batch"/> the first time it starts; the task completes once it is held.</summary>
    public Task<Execution> Hold(int batch)
    {
        _held = new TaskCompletionSource<Execution>(TaskCreationOptions.RunContinuationsAsynchronously);
        _holdBatch = batch;
        return _held.Task;
    }

    public void Release() => _release.Set();

    /// <summary>The first execution, past or future, that <paramref name="match"/> accepts.</summary>
    public Task<Execution> First(Func<Execution, bool> match)
    {
        lock (_executions)
        {
            if (_executions.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var waiter = new TaskCompletionSource<Execution>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task;
        }
    }

    private void OnBatch(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? run = null, silo = null;
        var batch = -1;
        foreach (var (key, value) in tags)
        {
            if (key == "run") run = value as string;
            else if (key == "silo") silo = value as string;
            else if (key == "batch") batch = (int)value!;
        }
        if (run != _run) return;
        var execution = new Execution(batch, silo!, _clock.Elapsed);
        lock (_executions)
        {
            _executions.Add(execution);
            foreach (var waiter in _waiters.Where(w => w.Match(execution)).ToList())
            {
                waiter.Done.TrySetResult(execution);
                _waiters.Remove(waiter);
            }
        }
        if (batch != _holdBatch || _held is null || !_held.TrySetResult(execution)) return;
        if (!_release.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"batch {batch} of run {_run} was held for 60 s and never released");
    }

    public void Dispose()
    {
        _release.Set();
        _listener.Dispose();
    }
}
