namespace Lens.Engine.Tensors;

/// <summary>One linear layer of a <see cref="MatMul.MultiplyMany"/> job: Y = X·Wᵀ (+ bias).</summary>
public readonly unsafe struct Projection(WeightMatrix w, float* bias, float* y)
{
    public WeightMatrix W { get; } = w;
    public float* Bias { get; } = bias;
    public float* Y { get; } = y;
}
