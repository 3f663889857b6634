using Lens.Engine.IO;
using Lens.Engine.Tensors;

namespace Lens.Engine.Inference;

/// <summary>All parameters of a model, in place where the storage allows. Owns the maps and any rearranged copies.</summary>
public sealed class ModelWeights : IDisposable
{
    public required TensorView TokenEmbedding { get; init; }  // [V, D]
    public float[]? PositionEmbedding { get; init; }          // [ctx, D] (GPT-2 wpe)
    public required LayerWeights[] Layers { get; init; }
    public float[]? FinalNorm { get; init; }                  // [D]
    public float[]? FinalNormBias { get; init; }
    public required WeightMatrix LmHead { get; init; }        // [V, D] (the embedding itself when tied)
    public float[]? LmHeadBias { get; init; }                 // [V] (GPT-J)
    public required IReadOnlyList<IDisposable> Owned { get; init; }

    /// <summary>Where the weight files' bytes live (huge pages when any file is there).</summary>
    public WeightResidency Residency =>
        Owned.Any(o => o is WeightFile { Residency: WeightResidency.HugePages } or TensorStore { Residency: WeightResidency.HugePages })
            ? WeightResidency.HugePages : WeightResidency.Mapped;

    /// <summary>Bytes of matrices read per decoded token (all linear layers and the unembedding), for the bandwidth bound.</summary>
    public long MatrixBytesPerToken()
    {
        long total = LmHead.Bytes;
        foreach (var l in Layers)
            foreach (var m in new[] { l.Query, l.Key, l.Value, l.QkvFused, l.AttnOut, l.Gate, l.Up, l.GateUpFused, l.MlpIn, l.Down })
                if (m is { } w) total += w.Bytes;
        return total;
    }

    public void Dispose()
    {
        foreach (var o in Owned) o.Dispose();
    }
}
