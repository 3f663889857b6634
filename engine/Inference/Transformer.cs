using Lens.Engine.Hooks;
using Lens.Engine.IO;
using Lens.Engine.Sampling;
using Lens.Engine.Tensors;

namespace Lens.Engine.Inference;

/// <summary>
/// A loaded model: forward passes with hooks, KV-cached sessions and generation. One pass runs at a time
/// (passes share scratch memory and the thread team); concurrent callers are serialised.
/// </summary>
public sealed class Transformer : IDisposable
{
    private readonly ModelWeights _weights;
    private readonly ThreadTeam _team;
    private readonly ForwardPass _pass;
    private readonly object _gate = new();

    public ModelConfig Config { get; }
    public string Source { get; }
    public int Threads => _team.Size;
    /// <summary>Where the weights live: in place from the page cache, or in huge pages.</summary>
    public WeightResidency Residency => _weights.Residency;
    /// <summary>Bytes of weight matrices read for each decoded token.</summary>
    public long MatrixBytesPerToken => _weights.MatrixBytesPerToken();

    private Transformer(string source, ModelConfig config, ModelWeights weights, int threads)
    {
        Source = source; Config = config; _weights = weights;
        _team = new ThreadTeam(threads <= 0 ? Environment.ProcessorCount : threads);
        _pass = new ForwardPass(config, weights, _team);
    }

    /// <summary>Loads a Hugging Face folder (config.json + safetensors) or a llama2.c checkpoint (.bin).</summary>
    public static Transformer Load(string path, int threads = 0, WeightResidency residency = WeightResidency.Mapped)
    {
        if (File.Exists(path) && path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
        {
            var (config, weights) = Llama2cCheckpoint.Load(path, residency);
            return new Transformer(path, config, weights, threads);
        }
        if (!Directory.Exists(path)) throw new ModelFormatException($"{path}: no such model folder or llama2.c .bin file");
        var hfConfig = ConfigReader.Read(Path.Combine(path, "config.json"));
        var store = TensorStore.OpenFolder(path, residency);
        ModelWeights hfWeights;
        try { hfWeights = HuggingFaceWeights.Load(store, hfConfig); }
        catch { store.Dispose(); throw; }
        return new Transformer(path, hfConfig, hfWeights, threads);
    }

    /// <summary>One causal pass over <paramref name="ids"/> from position 0. Logits [T·V] (All) or [V] (Last).</summary>
    public float[] Forward(ReadOnlySpan<int> ids, IForwardHooks? hooks = null, LogitsScope logits = LogitsScope.All) =>
        ForwardBatch([ids.ToArray()], hooks, logits)[0];

    /// <summary>Independent sequences of any lengths in one pass; hooks see each sequence via <see cref="HookContext.Sequence"/>.</summary>
    public float[][] ForwardBatch(IReadOnlyList<int[]> sequences, IForwardHooks? hooks = null, LogitsScope logits = LogitsScope.All)
    {
        var batch = sequences.Select(ids => new PassSequence(new KvCache(Config, Math.Max(1, ids.Length)), ids, hooks)).ToList();
        return Run(batch, logits);
    }

    /// <summary>
    /// One step of continuous batching: the tokens of every request go through one forward pass — each weight matrix is
    /// read once for all rows — and each stream gets the logits [V] of its last new token. Streams join and leave between
    /// steps by being in the list or not; a joining stream's prompt rides in the same pass as the others' decode tokens.
    /// A request that cannot run (a session of another model, no tokens, a token outside the vocabulary, the context
    /// length exceeded, the same session twice) or whose hooks throw gets an error result and keeps its session
    /// unchanged; the other streams proceed. Sessions are not thread-safe: one step at a time per session.
    /// </summary>
    public IReadOnlyList<DecodeResult> Step(IReadOnlyList<DecodeRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new DecodeResult[requests.Count];
        lock (_gate)
        {
            var admitted = new List<int>(requests.Count);
            var seen = new HashSet<InferenceSession>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < requests.Count; i++)
                if (Reject(requests[i], seen) is { } error) results[i] = new DecodeResult(null, error);
                else admitted.Add(i);
            if (admitted.Count == 0) return results;

            var hooks = admitted.Select(i => requests[i].Hooks is { } h ? new IsolatedHooks(h) : null).ToArray();
            var lengths = admitted.Select(i => requests[i].Session.Length).ToArray();
            var logits = _pass.Run(admitted.Select((i, j) => new PassSequence(requests[i].Session.Cache, requests[i].Tokens, hooks[j])).ToList(), LogitsScope.Last);
            for (var j = 0; j < admitted.Count; j++)
            {
                var i = admitted[j];
                if (hooks[j]?.Failure is { } failure)
                {
                    requests[i].Session.Cache.Truncate(lengths[j]);
                    results[i] = new DecodeResult(null, $"a hook failed, the step was not applied: {failure.GetType().Name}: {failure.Message}");
                }
                else results[i] = new DecodeResult(logits[j], null);
            }
        }
        return results;
    }

    private string? Reject(DecodeRequest? request, HashSet<InferenceSession> seen)
    {
        if (request is null) return "the request is null";
        if (request.Session is null) return "the request has no session";
        if (!ReferenceEquals(request.Session.Model, this)) return $"the session belongs to another model ({request.Session.Model.Source})";
        if (request.Tokens is not { Length: > 0 } tokens) return "the request has no tokens to append";
        foreach (var id in tokens)
            if ((uint)id >= (uint)Config.Vocab) return $"token id {id} is outside the vocabulary [0, {Config.Vocab})";
        var needed = request.Session.Length + tokens.Length;
        if (needed > Config.ContextLength)
            return $"sequence of {needed} tokens exceeds the model's context length of {Config.ContextLength} tokens";
        if (!seen.Add(request.Session)) return "the same session appears twice in one step";
        return null;
    }

    /// <summary>final norm + unembedding (+ bias, + final soft-cap) of N residual rows: [N·D] → [N·V].</summary>
    public void Unembed(ReadOnlySpan<float> residual, Span<float> logits)
    {
        var n = residual.Length / Config.Hidden;
        if (residual.Length != n * Config.Hidden || logits.Length < n * Config.Vocab)
            throw new ArgumentException($"Unembed needs [N·{Config.Hidden}] residuals and [N·{Config.Vocab}] logits");
        lock (_gate) _pass.Unembed(residual, n, logits);
    }

    internal float[][] Run(IReadOnlyList<PassSequence> batch, LogitsScope logits)
    {
        lock (_gate) return _pass.Run(batch, logits);
    }

    public InferenceSession StartSession() => new(this);

    /// <summary>Prefills <paramref name="prompt"/> and decodes up to MaxNewTokens; <paramref name="onToken"/> returning false stops.</summary>
    public GenerationResult Generate(ReadOnlySpan<int> prompt, GenerationOptions options, Func<int, bool>? onToken = null, IForwardHooks? hooks = null)
    {
        if (prompt.Length == 0) throw new ArgumentException("generation needs a prompt of at least one token");
        if (prompt.Length > Config.ContextLength)
            throw new ArgumentException($"prompt of {prompt.Length} tokens exceeds the model's context length of {Config.ContextLength} tokens");
        var session = StartSession();
        var sampler = new Sampler(options);
        var stops = options.StopTokens is { } s ? new HashSet<int>(s) : [];
        var logits = session.Append(prompt, hooks);
        var produced = new List<int>();
        var reason = "length";
        while (produced.Count < options.MaxNewTokens)
        {
            var next = sampler.Next(logits);
            produced.Add(next);
            if (onToken is not null && !onToken(next)) { reason = "callback"; break; }
            if (stops.Contains(next)) { reason = "stop_token"; break; }
            if (produced.Count == options.MaxNewTokens) break;
            if (session.Length >= Config.ContextLength) { reason = "context_length"; break; }
            logits = session.Append([next], hooks);
        }
        return new GenerationResult(produced.ToArray(), reason);
    }

    public void Dispose()
    {
        _team.Dispose();
        _weights.Dispose();
    }
}
