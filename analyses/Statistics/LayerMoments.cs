namespace Lens.Analyses;

/// <summary>Running moments of the residual stream per layer, fed batch by batch.</summary>
public sealed class LayerMoments(IEnumerable<int> layers, int hidden, bool covariance = true)
{
    private readonly Dictionary<int, RunningMoments> _byLayer = layers.ToDictionary(l => l, _ => new RunningMoments(hidden, covariance));

    public RunningMoments this[int layer] => _byLayer[layer];
    public IEnumerable<int> Layers => _byLayer.Keys;

    public void Add(ResidualBatch batch)
    {
        foreach (var (layer, rows) in batch.ByLayer) _byLayer[layer].AddRows(rows);
    }

    /// <summary>Folds in moments gathered elsewhere (another worker, an earlier run) with Chan's formula.</summary>
    public void Merge(LayerMoments other)
    {
        foreach (var layer in other.Layers) _byLayer[layer].Merge(other[layer]);
    }
}
