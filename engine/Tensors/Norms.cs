using System.Numerics.Tensors;
using Lens.Engine.Models;

namespace Lens.Engine.Tensors;

/// <summary>
/// Row-wise normalisation over [n, d]. Offset RMSNorm arrives here with its weights already stored as (1 + w),
/// and the parameter-free LayerNorm with null weight and bias.
/// </summary>
public static unsafe class Norms
{
    public static void Apply(NormKind kind, float* x, int n, int d, float[]? weight, float[]? bias, double eps, float* y)
    {
        for (var t = 0; t < n; t++)
        {
            var row = new ReadOnlySpan<float>(x + (long)t * d, d);
            var output = new Span<float>(y + (long)t * d, d);
            if (kind is NormKind.RmsNorm or NormKind.RmsNormOffset) Rms(row, weight, eps, output);
            else Layer(row, weight, bias, eps, output);
        }
    }

    private static void Rms(ReadOnlySpan<float> x, float[]? weight, double eps, Span<float> y)
    {
        var meanSquare = TensorPrimitives.SumOfSquares(x) / x.Length;
        var scale = (float)(1.0 / Math.Sqrt(meanSquare + eps));
        TensorPrimitives.Multiply(x, scale, y);
        if (weight is not null) TensorPrimitives.Multiply(y, weight, y);
    }

    private static void Layer(ReadOnlySpan<float> x, float[]? weight, float[]? bias, double eps, Span<float> y)
    {
        var mean = TensorPrimitives.Sum(x) / x.Length;
        TensorPrimitives.Subtract(x, mean, y);
        var variance = TensorPrimitives.SumOfSquares(y) / x.Length;
        TensorPrimitives.Multiply(y, (float)(1.0 / Math.Sqrt(variance + eps)), y);
        if (weight is not null) TensorPrimitives.Multiply(y, weight, y);
        if (bias is not null) TensorPrimitives.Add(y, bias, y);
    }
}
