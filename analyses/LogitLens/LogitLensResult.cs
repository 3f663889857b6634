namespace Lens.Analyses;

/// <summary>
/// A reduced logit lens: per analysed layer (in <see cref="Layers"/> order, index a) and position t, the top-k ids
/// and probabilities, the entropy, and the rank and probability of the next input token. Flat row-major arrays.
/// </summary>
public sealed class LogitLensResult
{
    public required int[] InputIds { get; init; }
    public required int[] Layers { get; init; }
    public required int TopK { get; init; }
    public int Positions => InputIds.Length;

    /// <summary>[a][t][k], most probable first.</summary>
    public required int[] TopIds { get; init; }
    /// <summary>[a][t][k].</summary>
    public required float[] TopProbs { get; init; }
    /// <summary>[a][t], nats.</summary>
    public required float[] Entropy { get; init; }
    /// <summary>[a][t]: 0-based rank of the token at t+1; -1 at the last position.</summary>
    public required int[] NextRank { get; init; }
    /// <summary>[a][t]: probability of the token at t+1; NaN at the last position.</summary>
    public required float[] NextProb { get; init; }
    /// <summary>[t][n]: every id that is top-k at some analysed layer at t, ascending; null without tracking.</summary>
    public int[][]? TrackedIds { get; init; }
    /// <summary>[t][a][n]: the probability of each tracked id at every analysed layer (exact, recomputed).</summary>
    public float[][]? TrackedProbs { get; init; }

    public int TrackedCount => TrackedIds?.Sum(x => x.Length) ?? 0;

    public int Cell(int layerIndex, int position) => layerIndex * Positions + position;

    /// <summary>The trajectory of tracked id <paramref name="id"/> at <paramref name="position"/> over the analysed layers.</summary>
    public float[] Trajectory(int position, int id)
    {
        if (TrackedIds is null || TrackedProbs is null) throw new InvalidOperationException("the logit lens ran without tracking");
        var ids = TrackedIds[position];
        var j = Array.BinarySearch(ids, id);
        if (j < 0) throw new ArgumentException($"token {id} is not tracked at position {position}");
        var result = new float[Layers.Length];
        for (var a = 0; a < Layers.Length; a++) result[a] = TrackedProbs[position][a * ids.Length + j];
        return result;
    }
}
