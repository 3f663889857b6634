namespace Lens.Engine.Models;

/// <summary>
/// Everything that differs between architectures, as data: tensor names per role ("{i}" = layer) and the
/// structural choices. A new family is one entry in <see cref="ModelFamilies"/>.
/// </summary>
public sealed record ModelFamily
{
    public required string ModelType { get; init; }
    public required IReadOnlyDictionary<TensorRole, string> Names { get; init; }
    public NormKind Norm { get; init; } = NormKind.RmsNorm;
    public RotaryStyle Rotary { get; init; } = RotaryStyle.RotateHalf;
    public QkvLayout Qkv { get; init; } = QkvLayout.Separate;
    public MlpLayout Mlp { get; init; } = MlpLayout.Gated;
    public ResidualLayout Residual { get; init; } = ResidualLayout.Sequential;
    public LinearLayout Linear { get; init; } = LinearLayout.OutIn;
    public Activation DefaultActivation { get; init; } = Activation.Silu;
    public bool TiedDefault { get; init; }
    /// <summary>Input embeddings are multiplied by sqrt(hidden_size) (Gemma).</summary>
    public bool ScaleEmbeddings { get; init; }
    /// <summary>Biases this family always has (others are used when the checkpoint or config says so).</summary>
    public IReadOnlySet<TensorRole> RequiredBiases { get; init; } = new HashSet<TensorRole>();
    /// <summary>Name prefixes that some checkpoints of the family omit (e.g. original GPT-2 files lack "transformer.").</summary>
    public IReadOnlyList<string> OptionalPrefixes { get; init; } = [];
    /// <summary>Hard-coded norm epsilon, when the family ignores the config (OLMo-1).</summary>
    public double? FixedNormEps { get; init; }
    public SlidingWindowRule SlidingWindow { get; init; } = SlidingWindowRule.AllLayers;
    /// <summary>config.json keys naming the MLP activation, first present wins.</summary>
    public IReadOnlyList<string> ActivationKeys { get; init; } = ["hidden_act", "activation_function"];
    /// <summary>Activation names this family means differently from Hugging Face's table (old Gemma configs say "gelu" for tanh-GELU).</summary>
    public IReadOnlyDictionary<string, Activation> ActivationOverrides { get; init; } = new Dictionary<string, Activation>();
    /// <summary>Attention scores scaled by query_pre_attn_scalar^-0.5 instead of head_dim^-0.5 (Gemma-2).</summary>
    public bool UsesQueryPreAttnScalar { get; init; }
    /// <summary>Reads attn_logit_softcapping and final_logit_softcapping (Gemma-2).</summary>
    public bool UsesSoftcapping { get; init; }
    /// <summary>config.json <c>attention_bias</c> also covers the output projection (OLMo).</summary>
    public bool AttentionBiasIncludesOutput { get; init; }

    public string? NameOf(TensorRole role, int layer = -1) =>
        Names.TryGetValue(role, out var pattern) ? pattern.Replace("{i}", layer.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
}
