using Lens.Engine.Hooks;

namespace Lens.Analyses;

/// <summary>Keeps the residual stream after each of a few layers ([T·D] each, small next to [T·V] logits).</summary>
public sealed class ResidualCapture(IReadOnlyList<int> layers) : IForwardHooks
{
    private readonly Dictionary<int, float[]> _byLayer = new();

    public HookPoints Points => HookPoints.ResidPost;

    public void OnResidPost(in HookContext context, int layer, Span<float> residual)
    {
        if (!layers.Contains(layer)) return;
        _byLayer[layer] = _byLayer.TryGetValue(layer, out var previous) ? [.. previous, .. residual] : residual.ToArray();
    }

    /// <summary>Residuals in the order of the requested layers.</summary>
    public float[][] Residuals() =>
        layers.Select(l => _byLayer.TryGetValue(l, out var r) ? r : throw new InvalidOperationException($"layer {l} was not reached by the forward pass")).ToArray();
}
