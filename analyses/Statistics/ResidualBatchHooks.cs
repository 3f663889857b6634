using Lens.Engine.Hooks;

namespace Lens.Analyses;

/// <summary>Collects the residual rows of one batch at chosen layers, in sequence order.</summary>
internal sealed class ResidualBatchHooks(IReadOnlyCollection<int> layers, int hidden, int sequences, ResidualPositions positions) : IForwardHooks
{
    private readonly Dictionary<int, float[][]> _rows = layers.ToDictionary(l => l, _ => new float[sequences][]);

    public HookPoints Points => HookPoints.ResidPost;

    public void OnResidPost(in HookContext c, int layer, Span<float> residual)
    {
        if (!_rows.TryGetValue(layer, out var perSequence)) return;
        perSequence[c.Sequence] = positions == ResidualPositions.Last ? residual[^hidden..].ToArray() : residual.ToArray();
    }

    public Dictionary<int, float[]> Rows() => _rows.ToDictionary(kv => kv.Key, kv => kv.Value.SelectMany(r => r).ToArray());
}
