namespace Lens.Engine.Hooks;

/// <summary>
/// Observes (and may modify) a forward pass. Only the methods whose <see cref="HookPoints"/> flag is in
/// <see cref="Points"/> are called, and the engine computes nothing extra for the others.
/// Spans are valid only during the call; copy what you keep. Row-major layouts as documented per method.
/// </summary>
public interface IForwardHooks
{
    HookPoints Points { get; }

    /// <summary>Residual stream entering block 0, [T, D]; writes change the forward pass.</summary>
    void OnResidPre(in HookContext context, Span<float> residual) { }

    /// <summary>Residual stream after block <paramref name="layer"/>, [T, D]; writes change the forward pass.</summary>
    void OnResidPost(in HookContext context, int layer, Span<float> residual) { }

    /// <summary>Queries after projection (bias, clipping) and before rotary, [T, H, hd].</summary>
    void OnQuery(in HookContext context, int layer, ReadOnlySpan<float> query) { }

    /// <summary>Keys before rotary, [T, KVH, hd].</summary>
    void OnKey(in HookContext context, int layer, ReadOnlySpan<float> key) { }

    /// <summary>Values, [T, KVH, hd].</summary>
    void OnValue(in HookContext context, int layer, ReadOnlySpan<float> value) { }

    /// <summary>Attention probabilities [H, T, K] with K = <see cref="HookContext.KeyCount"/>; masked entries are 0.</summary>
    void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern) { }
}
