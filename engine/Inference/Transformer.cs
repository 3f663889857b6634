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
        var batch = sequences.Select(ids => (new KvCache(Config, Math.Max(1, ids.Length)), ids)).ToList();
        return Run(batch, hooks, logits);
    }

    internal float[][] Run(IReadOnlyList<(KvCache, int[])> batch, IForwardHooks? hooks, LogitsScope logits)
    {
        lock (_gate) return _pass.Run(batch, hooks, logits);
    }

    /// <summary>final norm + unembedding (+ bias, + final soft-cap) of N residual rows: [N·D] → [N·V].</summary>
    public void Unembed(ReadOnlySpan<float> residual, Span<float> logits)
    {
        var n = residual.Length / Config.Hidden;
        if (residual.Length != n * Config.Hidden || logits.Length < n * Config.Vocab)
            throw new ArgumentException($"Unembed needs [N·{Config.Hidden}] residuals and [N·{Config.Vocab}] logits");
        lock (_gate) _pass.Unembed(residual, n, logits);
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
