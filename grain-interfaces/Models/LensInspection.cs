namespace Lens.GrainInterfaces.Models;

/// <summary>
/// The logit lens over positions <see cref="Positions"/> (the clicked one last) at <see cref="Layers"/>, and the
/// clicked position's attention row. Grids are [position index][layer index].
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LensInspection(
    [property: Id(0)] int[] Positions,
    [property: Id(1)] int[] Layers,
    [property: Id(2)] LensCell[][] Cells,
    [property: Id(3)] float[][] Entropy,
    [property: Id(4)] int[][] NextRank,
    [property: Id(5)] float?[][] NextProb,
    [property: Id(6)] AttentionLayer[] Attention,
    [property: Id(7)] bool CacheHit);

/// <summary>What one layer predicts at one position: its top token and the top-k with their trajectories over the shown layers.</summary>
[GenerateSerializer, Immutable]
public sealed record LensCell(
    [property: Id(0)] string Token,
    [property: Id(1)] int Id,
    [property: Id(2)] float Prob,
    [property: Id(3)] LensCandidate[] TopK);

/// <summary>A candidate token of a cell and its probability at every shown layer.</summary>
[GenerateSerializer, Immutable]
public sealed record LensCandidate(
    [property: Id(0)] string Token,
    [property: Id(1)] int Id,
    [property: Id(2)] float Prob,
    [property: Id(3)] float[] Trajectory);

/// <summary>The clicked query's attention at one layer, per head.</summary>
[GenerateSerializer, Immutable]
public sealed record AttentionLayer([property: Id(0)] int Layer, [property: Id(1)] AttentionHead[] Heads);

/// <summary>One head's weights over keys 0..position and their summaries (entropy in nats, max, keys holding 90 %, query norm).</summary>
[GenerateSerializer, Immutable]
public sealed record AttentionHead(
    [property: Id(0)] int Head,
    [property: Id(1)] float[] Weights,
    [property: Id(2)] float Entropy,
    [property: Id(3)] float Max,
    [property: Id(4)] int KEff,
    [property: Id(5)] float QNorm);
