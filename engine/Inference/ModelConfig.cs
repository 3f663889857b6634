using Lens.Engine.Models;

namespace Lens.Engine.Inference;

/// <summary>
/// Dimensions and numerics of a model. Letters used across the engine: T tokens, D = <see cref="Hidden"/>,
/// H = <see cref="Heads"/>, KVH = <see cref="KvHeads"/>, hd = <see cref="HeadDim"/>, I = <see cref="Intermediate"/>,
/// V = <see cref="Vocab"/>, L = <see cref="Layers"/>.
/// </summary>
public sealed record ModelConfig
{
    public required string ModelType { get; init; }
    public required ModelFamily Family { get; init; }
    public required int Layers { get; init; }
    public required int Hidden { get; init; }
    public required int Heads { get; init; }
    public required int KvHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int Intermediate { get; init; }
    public required int Vocab { get; init; }
    public required int ContextLength { get; init; }
    public double NormEps { get; init; } = 1e-5;
    public Activation Activation { get; init; }
    public bool TiedEmbeddings { get; init; }
    public double RopeTheta { get; init; } = 10000;
    /// <summary>Dimensions of each head that are rotated (partial rotary); the rest pass through.</summary>
    public int RotaryDim { get; init; }
    public RotaryStyle Rotary { get; init; }
    public RopeScaling? RopeScaling { get; init; }
    /// <summary>Per layer: number of keys a query sees (W, itself included), or null for full causal attention.</summary>
    public required int?[] SlidingWindow { get; init; }
    public double AttentionScale { get; init; }
    public double? AttentionSoftcap { get; init; }
    public double? FinalSoftcap { get; init; }
    public double? ClipQkv { get; init; }
    public bool AttentionBias { get; init; }
    public bool MlpBias { get; init; }
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    public int QueryWidth => Heads * HeadDim;
    public int KvWidth => KvHeads * HeadDim;
}
