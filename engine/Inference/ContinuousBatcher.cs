using Lens.Engine.Hooks;

namespace Lens.Engine.Inference;

/// <summary>
/// Continuous batching for concurrent callers: every <see cref="AppendAsync"/> joins the next step of one loop that runs
/// <see cref="Transformer.Step"/> over all pending appends, so conversations decoding at the same time share each read
/// of the weights. Streams join and leave simply by calling or not. A prompt that does not fit the step budget is
/// prefilled in chunks, one per step, so the other streams keep decoding meanwhile (their next token waits at most one
/// budget-sized step). A failed or cancelled append leaves its session as it was.
/// </summary>
public sealed class ContinuousBatcher : IDisposable
{
    private readonly Transformer _model;
    private readonly int _maxTokensPerStep;
    private readonly List<PendingAppend> _pending = [];
    private readonly Thread _loop;
    private bool _disposed;
    private long _steps, _tokens;
    private int _largestStep;

    /// <param name="maxTokensPerStep">Token budget of one step: bounds how long a joining prompt delays the others.</param>
    public ContinuousBatcher(Transformer model, int maxTokensPerStep = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxTokensPerStep < 1) throw new ArgumentOutOfRangeException(nameof(maxTokensPerStep), maxTokensPerStep, "a step needs a budget of at least one token");
        _model = model;
        _maxTokensPerStep = maxTokensPerStep;
        _loop = new Thread(Loop) { IsBackground = true, Name = "lens-continuous-batcher" };
        _loop.Start();
    }

    public BatcherStatistics Statistics
    {
        get { lock (_pending) return new BatcherStatistics(_steps, _tokens, _largestStep); }
    }

    /// <summary>
    /// Appends <paramref name="tokens"/> to <paramref name="session"/> in the next step(s) and returns the logits [V] of
    /// the last one. Fails with <see cref="ArgumentException"/> for a request that can never run and with
    /// <see cref="InvalidOperationException"/> when its step rejects it (context length reached, a hook threw).
    /// Appends to one session run in the order they were made.
    /// </summary>
    public Task<float[]> AppendAsync(InferenceSession session, int[] tokens, IForwardHooks? hooks = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokens);
        if (!ReferenceEquals(session.Model, _model)) throw new ArgumentException($"the session belongs to another model ({session.Model.Source})", nameof(session));
        if (tokens.Length == 0) throw new ArgumentException("no tokens to append", nameof(tokens));
        if (cancellation.IsCancellationRequested) return Task.FromCanceled<float[]>(cancellation);
        var append = new PendingAppend(session, tokens, hooks, cancellation);
        lock (_pending)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Add(append);
            Monitor.Pulse(_pending);
        }
        return append.Completion.Task;
    }

    private void Loop()
    {
        while (true)
        {
            List<(PendingAppend Append, int Count)> step;
            lock (_pending)
            {
                while (!_disposed && _pending.Count == 0) Monitor.Wait(_pending);
                if (_disposed) return;
                step = Plan();
            }
            Run(step);
        }
    }

    /// <summary>
    /// The next step: whole appends in arrival order while they fit the budget, one session at most once (later appends to
    /// it wait their turn); then a chunk of the first append that did not fit. Cancelled appends leave here.
    /// </summary>
    private List<(PendingAppend Append, int Count)> Plan()
    {
        var step = new List<(PendingAppend, int)>();
        var sessions = new HashSet<InferenceSession>(ReferenceEqualityComparer.Instance);
        var budget = _maxTokensPerStep;
        PendingAppend? chunked = null;
        foreach (var append in _pending.ToList())
        {
            if (append.Cancellation.IsCancellationRequested)
            {
                _pending.Remove(append);
                append.Fail(new OperationCanceledException(append.Cancellation));
                continue;
            }
            if (!sessions.Add(append.Session)) continue;
            if (append.Remaining <= budget) { step.Add((append, append.Remaining)); budget -= append.Remaining; }
            else chunked ??= append;
        }
        if (chunked is not null && budget > 0) step.Add((chunked, budget));
        return step;
    }

    private void Run(List<(PendingAppend Append, int Count)> step)
    {
        if (step.Count == 0) return;
        foreach (var (append, _) in step) if (append.Done == 0) append.StartLength = append.Session.Length;
        IReadOnlyList<DecodeResult> results;
        try
        {
            results = _model.Step(step.Select(s => new DecodeRequest(s.Append.Session, s.Append.Tokens.AsSpan(s.Append.Done, s.Count).ToArray(), s.Append.Hooks)).ToList());
        }
        catch (Exception e) // a fault of the pass itself: every append of this step fails with it, the loop goes on
        {
            lock (_pending) foreach (var (append, _) in step) { _pending.Remove(append); append.Fail(e); }
            return;
        }
        lock (_pending)
        {
            _steps++;
            _tokens += step.Sum(s => s.Count);
            _largestStep = Math.Max(_largestStep, step.Count);
            for (var i = 0; i < step.Count; i++)
            {
                var (append, count) = step[i];
                if (results[i].Error is { } error) { _pending.Remove(append); append.Fail(new InvalidOperationException(error)); continue; }
                append.Done += count;
                if (append.Remaining > 0) continue;
                _pending.Remove(append);
                append.Completion.TrySetResult(results[i].Logits!);
            }
        }
    }

    /// <summary>Stops the loop after the step in progress; appends still waiting fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_pending)
        {
            if (_disposed) return;
            _disposed = true;
            Monitor.Pulse(_pending);
        }
        _loop.Join();
        lock (_pending)
        {
            foreach (var append in _pending) append.Fail(new ObjectDisposedException(nameof(ContinuousBatcher)));
            _pending.Clear();
        }
    }
}
