namespace Lens.Engine.Hooks;

/// <summary>
/// The activations a forward pass can expose. Names follow TransformerLens
/// (<see cref="HookNames"/>); a caller asks only for what it needs and pays nothing for the rest.
/// </summary>
[Flags]
public enum HookPoints
{
    None = 0,
    /// <summary><c>blocks.0.hook_resid_pre</c>: residual stream entering block 0, [T, D]. Modifiable.</summary>
    ResidPre = 1 << 0,
    /// <summary><c>blocks.{L}.hook_resid_post</c>: residual stream after block L, [T, D]. Modifiable.</summary>
    ResidPost = 1 << 1,
    /// <summary><c>blocks.{L}.attn.hook_q</c>: queries before rotary, [T, H, hd].</summary>
    Query = 1 << 2,
    /// <summary><c>blocks.{L}.attn.hook_k</c>: keys before rotary, [T, KVH, hd].</summary>
    Key = 1 << 3,
    /// <summary><c>blocks.{L}.attn.hook_v</c>: values, [T, KVH, hd].</summary>
    Value = 1 << 4,
    /// <summary><c>blocks.{L}.attn.hook_pattern</c>: post-softmax attention, [H, T, K] (K = keys seen, cache included).</summary>
    Pattern = 1 << 5,
    All = ResidPre | ResidPost | Query | Key | Value | Pattern,
}
