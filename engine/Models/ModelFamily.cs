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
    /// <summary>Sliding window on even layers only, full attention on odd ones (Gemma-2).</summary>
    public bool AlternatingSlidingWindow { get; init; }

    public string? NameOf(TensorRole role, int layer = -1) =>
        Names.TryGetValue(role, out var pattern) ? pattern.Replace("{i}", layer.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
}
