using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models.Activations;
using Microsoft.Extensions.Logging;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// Continuous batching of one model on one silo. Generations wait in a per-user <see cref="FairQueue{T}"/>; a
/// dedicated thread admits them in turn up to <see cref="ModelServingOptions.MaxBatch"/> and advances every active
/// stream by one batched step (prompts and single decoded tokens together), so a new stream joins at the next step
/// instead of waiting for the others to finish.
/// </summary>
internal sealed class DecodeScheduler : IDisposable
{
    private readonly string _name;
    private readonly Transformer _model;
    private readonly Func<int, string> _tokenText;
    private readonly SessionPool _sessions;
    private readonly IActivationStore _store;
    private readonly IBatchedForward _forward;
    private readonly ModelServingOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly FairQueue<DecodeStream> _waiting = new();
    private readonly List<DecodeStream> _active = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly ThroughputMeter _throughput;
    private long _steps, _batchedSteps;
    private int _largestBatch;

    public DecodeScheduler(string name, Transformer model, Func<int, string> tokenText, SessionPool sessions, IActivationStore store,
        IBatchedForward forward, ModelServingOptions options, TimeProvider clock, ILogger logger)
    {
        (_name, _model, _tokenText, _sessions, _store, _forward, _options, _logger) = (name, model, tokenText, sessions, store, forward, options, logger);
        _throughput = new ThroughputMeter(clock);
        _thread = new Thread(Run) { IsBackground = true, Name = $"decode {name}" };
        _thread.Start();
    }

    /// <summary>Queues a generation; its tokens arrive on the returned stream.</summary>
    /// <exception cref="ModelBusyException">The queue (all users, or this user's share) is full.</exception>
    public DecodeStream Enqueue(GenerationRequest request)
    {
        Validate(request);
        lock (_gate)
        {
            var inFlight = _waiting.Count + _active.Count;
            if (inFlight >= _options.MaxBatch + _options.MaxQueue || _waiting.CountFor(request.User) >= _options.MaxQueuePerUser)
                throw new ModelBusyException(_name, inFlight, RetryAfterSeconds());
            var (session, held) = _sessions.Take(request.ConversationId, request.Ids);
            var stream = new DecodeStream(request, session, held, _model.Config, _tokenText);
            _waiting.Enqueue(request.User, stream);
            _wake.Release();
            return stream;
        }
    }

    public ModelLoad Load()
    {
        lock (_gate)
            return new ModelLoad(_name, _waiting.Count, _active.Count, _throughput.PerSecond(),
                Interlocked.Read(ref _steps), Interlocked.Read(ref _batchedSteps), _largestBatch);
    }

    private int RetryAfterSeconds()
    {
        var rate = Math.Max(1, _throughput.PerSecond());
        var pending = _active.Concat(_waiting.Items).Sum(s => s.Request.Sampling.MaxNewTokens);
        return (int)Math.Clamp(Math.Ceiling(pending / rate / Math.Max(1, _options.MaxBatch)), 1, 60);
    }

    private void Validate(GenerationRequest r)
    {
        var config = _model.Config;
        if (r.Ids.Length == 0) throw new RequestRejectedException(Rejection.Invalid, "ids", "generation needs at least one prompt token");
        if (r.Ids.Length >= config.ContextLength)
            throw new RequestRejectedException(Rejection.TooLarge, "message",
                $"the conversation holds {r.Ids.Length} tokens; model '{_name}' has a context of {config.ContextLength} tokens and needs room to answer");
        foreach (var id in r.Ids)
            if (id < 0 || id >= config.Vocab) throw new RequestRejectedException(Rejection.Invalid, "ids", $"token id {id} is outside the vocabulary 0..{config.Vocab - 1}");
        var s = r.Sampling;
        if (s.MaxNewTokens < 1) throw new RequestRejectedException(Rejection.Invalid, "max_new_tokens", $"max_new_tokens must be at least 1, got {s.MaxNewTokens}");
        if (!(s.Temperature >= 0) || float.IsInfinity(s.Temperature)) throw new RequestRejectedException(Rejection.Invalid, "temperature", $"temperature must be a finite number ≥ 0, got {s.Temperature}");
        if (s.TopK < 0) throw new RequestRejectedException(Rejection.Invalid, "top_k", $"top_k must be ≥ 0 (0 = no cut), got {s.TopK}");
        if (!(s.TopP > 0 && s.TopP <= 1)) throw new RequestRejectedException(Rejection.Invalid, "top_p", $"top_p must be in (0, 1], got {s.TopP}");
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            List<DecodeStream> batch;
            lock (_gate)
            {
                _waiting.RemoveWhere(s => s.Cancelled);
                foreach (var gone in _active.Where(s => s.Cancelled).ToList()) Retire(gone);
                while (_active.Count < _options.MaxBatch && _waiting.TryDequeue(out var next)) _active.Add(next);
                batch = [.. _active];
            }
            if (batch.Count == 0)
            {
                try { _wake.Wait(_stop.Token); } catch (OperationCanceledException) { return; }
                continue;
            }
            Step(batch);
        }
    }

    private void Step(List<DecodeStream> batch)
    {
        var recorder = new ResidualRecorder(ResidualStreamShape.Of(_model.Config), batch.Count);
        float[][] logits;
        try
        {
            logits = _forward.Step(_model, batch.Select(s => s.NextStep()).ToList(), recorder);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Decode step of {Model} failed for {Count} streams", _name, batch.Count);
            lock (_gate) foreach (var s in batch) { s.Fail(e); Retire(s); }
            return;
        }
        Interlocked.Increment(ref _steps);
        if (batch.Count > 1) Interlocked.Increment(ref _batchedSteps);
        _largestBatch = Math.Max(_largestBatch, batch.Count);
        var decoded = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var s = batch[i];
            _store.Write(s.ConversationId, recorder.Of(i));
            if (!s.Finishing)
            {
                decoded++;
                s.Advance(logits[i]);
                continue;
            }
            // The turn's rows go to the conversation's file before its last token is released: the conversation records
            // (acknowledges) the turn only after that token, so an acknowledged turn's activations outlive a silo crash.
            _store.Persist(s.ConversationId);
            s.Advance(logits[i]);
            lock (_gate) Retire(s);
        }
        _throughput.Add(decoded);
    }

    // Takes a stream out of the batch and keeps its KV cache for the conversation's next turn.
    private void Retire(DecodeStream s)
    {
        _active.Remove(s);
        if (!s.Cancelled) _sessions.Return(s.ConversationId, s.Session, s.Held);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        lock (_gate)
        {
            foreach (var s in _active.Concat(_waiting.Items)) s.Fail(new ModelUnavailableException(_name, "the silo is shutting down"));
        }
    }
}
