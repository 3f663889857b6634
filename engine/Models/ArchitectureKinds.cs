namespace Lens.Engine.Models;

/// <summary>How a family normalises. Offset RMSNorm multiplies by (1 + w) (Gemma); the parameter-free LayerNorm is OLMo-1's.</summary>
public enum NormKind { RmsNorm, RmsNormOffset, LayerNorm, LayerNormNoParams }

/// <summary>Rotary pairing: rotate_half pairs (i, i + rot/2); interleaved pairs (2i, 2i+1) (GPT-J, llama2.c layout).</summary>
public enum RotaryStyle { None, RotateHalf, Interleaved }

/// <summary>How q, k, v come out of the checkpoint.</summary>
public enum QkvLayout
{
    /// <summary>q_proj, k_proj, v_proj.</summary>
    Separate,
    /// <summary>One matrix, rows [q: H·hd | k: KVH·hd | v: KVH·hd] (Phi-3, GPT-2 c_attn).</summary>
    FusedBlocked,
    /// <summary>One matrix, rows grouped per head [q_h | k_h | v_h] (GPT-NeoX).</summary>
    FusedPerHead,
}

/// <summary>MLP shape: gated (SwiGLU/GeGLU) with separate or fused [gate | up] projections, or a plain two-layer MLP.</summary>
public enum MlpLayout { Gated, GatedFused, Plain }

/// <summary>How attention and MLP add into the residual stream.</summary>
public enum ResidualLayout
{
    /// <summary>x += attn(n1(x)); x += mlp(n2(x)).</summary>
    Sequential,
    /// <summary>x += attn(n1(x)) + mlp(n2(x)), both norms reading the same x (GPT-NeoX parallel residual).</summary>
    ParallelTwoNorms,
    /// <summary>h = n1(x); x += attn(h) + mlp(h) (GPT-J).</summary>
    ParallelSharedNorm,
    /// <summary>x += postAttnNorm(attn(n1(x))); x += postMlpNorm(mlp(n2(x))) (Gemma-2 sandwich norms).</summary>
    Sandwich,
}

/// <summary>Storage order of linear weights: nn.Linear [out, in], or GPT-2 Conv1D [in, out].</summary>
public enum LinearLayout { OutIn, InOut }

public enum Activation { Silu, GeluTanh, GeluExact }

/// <summary>Which layers use a sliding window when config.json gives <c>sliding_window</c>.</summary>
public enum SlidingWindowRule
{
    /// <summary>Every layer (Mistral, Phi-3).</summary>
    AllLayers,
    /// <summary>Only when <c>use_sliding_window</c> is true, and then layers i ≥ <c>max_window_layers</c> (Qwen2).</summary>
    OptInFromMaxWindowLayers,
    /// <summary>Even layers slide, odd layers are global (Gemma-2), unless <c>layer_types</c> says otherwise.</summary>
    EvenLayers,
}
