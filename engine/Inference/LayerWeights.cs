using Lens.Engine.Tensors;

namespace Lens.Engine.Inference;

/// <summary>One transformer block's parameters. Matrices are [out, in]; norms and biases are small float copies.</summary>
public sealed class LayerWeights
{
    public float[]? AttnNorm { get; init; }          // [D] (Gemma: stored as 1 + w)
    public float[]? AttnNormBias { get; init; }      // [D]
    public WeightMatrix? Query { get; init; }        // [H·hd, D]   (Separate layout)
    public WeightMatrix? Key { get; init; }          // [KVH·hd, D]
    public WeightMatrix? Value { get; init; }        // [KVH·hd, D]
    public WeightMatrix? QkvFused { get; init; }     // [(H + 2·KVH)·hd, D]  (fused layouts)
    public float[]? QueryBias { get; init; }
    public float[]? KeyBias { get; init; }
    public float[]? ValueBias { get; init; }
    public float[]? QkvFusedBias { get; init; }
    public required WeightMatrix AttnOut { get; init; } // [D, H·hd]
    public float[]? AttnOutBias { get; init; }
    public float[]? PostAttnNorm { get; init; }      // [D] (Gemma-2 sandwich)
    public float[]? MlpNorm { get; init; }           // [D]
    public float[]? MlpNormBias { get; init; }
    public WeightMatrix? Gate { get; init; }         // [I, D]
    public WeightMatrix? Up { get; init; }           // [I, D]
    public WeightMatrix? GateUpFused { get; init; }  // [2I, D]: [gate | up]
    public WeightMatrix? MlpIn { get; init; }        // [I, D] (plain MLP)
    public float[]? MlpInBias { get; init; }
    public required WeightMatrix Down { get; init; } // [D, I]
    public float[]? DownBias { get; init; }
    public float[]? PostMlpNorm { get; init; }       // [D]
}
