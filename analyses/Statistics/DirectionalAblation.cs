using Lens.Engine.Hooks;

namespace Lens.Analyses;

/// <summary>
/// Removes a unit direction d from the residual stream, r ← r − (r·d) d for every token, after the chosen layers
/// (and optionally on the embedding output) during the forward pass; the weights are untouched.
/// </summary>
public sealed class DirectionalAblation : IForwardHooks
{
    private readonly float[] _direction;
    private readonly HashSet<int> _layers;
    private readonly bool _embedding;

    /// <param name="layers">Layers after which to ablate; null = all.</param>
    public DirectionalAblation(ReadOnlySpan<float> direction, IEnumerable<int>? layers = null, bool embedding = true)
    {
        double norm = 0;
        foreach (var v in direction) norm += (double)v * v;
        norm = Math.Sqrt(norm);
        if (norm == 0 || double.IsNaN(norm)) throw new ArgumentException("the ablation direction must be a non-zero vector");
        _direction = new float[direction.Length];
        for (var i = 0; i < direction.Length; i++) _direction[i] = (float)(direction[i] / norm);
        _layers = layers is null ? [] : [.. layers];
        AllLayers = layers is null;
        _embedding = embedding;
    }

    public bool AllLayers { get; }
    public HookPoints Points => HookPoints.ResidPost | (_embedding ? HookPoints.ResidPre : HookPoints.None);

    public void OnResidPre(in HookContext context, Span<float> residual)
    {
        if (_embedding) Project(residual, _direction);
    }

    public void OnResidPost(in HookContext context, int layer, Span<float> residual)
    {
        if (AllLayers || _layers.Contains(layer)) Project(residual, _direction);
    }

    /// <summary>Projects a unit direction out of every D-row of <paramref name="rows"/>.</summary>
    public static void Project(Span<float> rows, ReadOnlySpan<float> unit)
    {
        var d = unit.Length;
        if (rows.Length % d != 0) throw new ArgumentException($"residual of {rows.Length} values is not rows of {d}");
        for (var at = 0; at < rows.Length; at += d)
        {
            var row = rows.Slice(at, d);
            double dot = 0;
            for (var i = 0; i < d; i++) dot += (double)row[i] * unit[i];
            for (var i = 0; i < d; i++) row[i] = (float)(row[i] - dot * unit[i]);
        }
    }
}
