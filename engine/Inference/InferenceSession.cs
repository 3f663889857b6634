using Lens.Engine.Hooks;

namespace Lens.Engine.Inference;

/// <summary>A sequence being extended token by token with its KV cache (chat turns, generation, step-wise capture).</summary>
public sealed class InferenceSession(Transformer model)
{
    /// <summary>The model whose KV layout this session holds; a session joins only that model's steps.</summary>
    public Transformer Model => model;
    public KvCache Cache { get; } = new(model.Config);
    public int Length => Cache.Length;

    /// <summary>Appends tokens at positions Length.. and returns their logits per <paramref name="scope"/>.</summary>
    public float[] Append(ReadOnlySpan<int> ids, IForwardHooks? hooks = null, LogitsScope scope = LogitsScope.Last) =>
        model.Run([new PassSequence(Cache, ids.ToArray(), hooks)], scope)[0];
}
