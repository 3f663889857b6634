namespace Lens.Engine.Models;

/// <summary>What a checkpoint tensor is for, independent of how a family names it.</summary>
public enum TensorRole
{
    TokenEmbedding, PositionEmbedding,
    AttnNorm, AttnNormBias,
    Query, QueryBias, Key, KeyBias, Value, ValueBias,
    QkvFused, QkvFusedBias,
    AttnOut, AttnOutBias,
    PostAttnNorm,
    MlpNorm, MlpNormBias,
    Gate, Up, GateUpFused,
    MlpIn, MlpInBias,
    Down, DownBias,
    PostMlpNorm,
    FinalNorm, FinalNormBias,
    LmHead, LmHeadBias,
}
