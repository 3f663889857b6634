using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models.Activations;
using Lens.Grains.Models.Inspection;
using Lens.Grains.Models.Serving;
using Microsoft.Extensions.Logging;

namespace Lens.Grains.Models;

/// <summary>
/// One model served for chat on this silo: a lease on its weights (shared with research runs through
/// <see cref="LoadedModels"/>), its tokenizer, decode scheduler, KV sessions, activation cache and lens inspections.
/// Shared by every model grain activation of the model on the silo.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly ModelLease _lease;
    private readonly ITextCodec _codec;
    private readonly SessionPool _sessions;
    private readonly DecodeScheduler _scheduler;
    private readonly LensInspector _inspector;
    private readonly AttentionTables _attention;
    private readonly LensColumnMemo _memo;
    private readonly SemaphoreSlim _inspections;
    private readonly ModelServingOptions _options;
    private readonly ResidualStreamActivations _activations;
    private int _inspectionsWaiting;

    /// <param name="lease">The weights, returned when this is disposed.</param>
    internal ServedModel(ModelLease lease, ITextCodec codec, IBatchedForward forward, ModelServingOptions options, TimeProvider clock, ILogger logger)
    {
        _lease = lease;
        var (name, model) = (lease.Model.Name, lease.Model.Transformer);
        Name = name;
        Model = model;
        _codec = codec;
        _options = options;
        _activations = new ResidualStreamActivations(Path.Combine(options.ActivationDirectory, name), ResidualStreamShape.Of(model.Config), options.ActivationMemoryBytes);
        _sessions = new SessionPool(model, options.SessionCapacity, options.SessionMemoryBytes);
        _scheduler = new DecodeScheduler(name, model, codec.TokenText, _sessions, Activations, forward, options, clock, logger);
        _attention = new AttentionTables(model, options.AttentionMemoryBytes, options.AttentionTableBytes);
        _memo = new LensColumnMemo(options.LensMemoBytes);
        _inspector = new LensInspector(model, Activations, _attention, _memo, codec.TokenText);
        _inspections = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentInspections));
    }

    public string Name { get; }
    public Transformer Model { get; }
    public IActivationStore Activations => _activations;

    public ModelDescription Describe() => Describe(Name, Model.Config, loaded: true);

    internal static ModelDescription Describe(string name, ModelConfig c, bool loaded) =>
        new(name, c.ModelType, c.Layers, c.Hidden, c.Heads, c.KvHeads, c.Vocab, c.ContextLength, loaded);

    public ModelLoad Load() => _scheduler.Load();

    /// <summary>Bytes of the KV caches kept for conversations' next turns.</summary>
    public long SessionBytes => _sessions.Bytes;

    /// <summary>The activation cache, with the attention tables and lens memo counted in its memory.</summary>
    public CacheStatus CacheStatus()
    {
        var s = Activations.Status();
        return s with { MemoryBytes = s.MemoryBytes + _attention.MemoryBytes + _memo.Bytes,
            MemoryLimitBytes = s.MemoryLimitBytes + _options.AttentionMemoryBytes + _options.LensMemoBytes };
    }

    public TurnTokens RenderTurn(IReadOnlyList<ChatLine> history, string message)
    {
        var ids = TurnRendering.Ids(_codec, history, message);
        return new TurnTokens(ids, ids.Select(_codec.TokenText).ToArray());
    }

    public string Decode(int[] ids) => _codec.Decode(ids);

    /// <summary>Queues a generation: its tokens arrive on the reader; calling Cancel withdraws it.</summary>
    internal (System.Threading.Channels.ChannelReader<GeneratedToken> Tokens, Action Cancel) Generate(GenerationRequest request)
    {
        var stream = _scheduler.Enqueue(request);
        return (stream.Tokens, stream.Cancel);
    }

    /// <summary>
    /// A lens inspection. A click whose columns and attention row are already computed is answered at once on the
    /// caller's thread; the rest (residual reads, forward passes) run on the thread pool, at most
    /// <see cref="ModelServingOptions.MaxConcurrentInspections"/> at once, so they never queue the cheap ones.
    /// </summary>
    public Task<LensInspection> Inspect(InspectRequest request) =>
        _inspector.TryFromMemo(request) is { } memo ? Task.FromResult(memo) : Compute(request);

    private async Task<LensInspection> Compute(InspectRequest request)
    {
        if (Interlocked.Increment(ref _inspectionsWaiting) > _options.MaxQueuedInspections + _options.MaxConcurrentInspections)
        {
            var queued = Interlocked.Decrement(ref _inspectionsWaiting);
            throw new ModelBusyException(Name, queued, 1);
        }
        try
        {
            await _inspections.WaitAsync();
            try { return await Task.Run(() => _inspector.Inspect(request)); }
            finally { _inspections.Release(); }
        }
        finally
        {
            Interlocked.Decrement(ref _inspectionsWaiting);
        }
    }

    public void Evict(Guid conversationId)
    {
        Activations.Evict(conversationId);
        _attention.Forget(conversationId);
        _memo.Forget(conversationId);
    }

    public void Forget(Guid conversationId)
    {
        _sessions.Forget(conversationId);
        _attention.Forget(conversationId);
        _memo.Forget(conversationId);
        Activations.Delete(conversationId);
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        _activations.Dispose();
        _lease.Dispose(); // the weights stay loaded while research runs still hold them
    }
}
