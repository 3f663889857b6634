using System.Numerics.Tensors;
using Lens.Engine.Models;

namespace Lens.Engine.Tensors;

/// <summary>MLP activations as Hugging Face defines them (activations.py): silu, tanh-approximated GELU, exact erf GELU.</summary>
public static class Activations
{
    private const double Sqrt2OverPi = 0.7978845608028654;

    public static void Apply(Activation kind, Span<float> x)
    {
        switch (kind)
        {
            case Activation.Silu:
                // x / (1 + e^-x), each step a vectorised pass over an L1-sized chunk.
                Span<float> buffer = stackalloc float[512];
                for (var i = 0; i < x.Length; i += buffer.Length)
                {
                    var part = x.Slice(i, Math.Min(buffer.Length, x.Length - i));
                    var e = buffer[..part.Length];
                    TensorPrimitives.Negate(part, e);
                    TensorPrimitives.Exp(e, e);
                    TensorPrimitives.Add(e, 1f, e);
                    TensorPrimitives.Divide(part, e, part);
                }
                break;
            case Activation.GeluTanh:
                for (var i = 0; i < x.Length; i++)
                {
                    double v = x[i];
                    x[i] = (float)(0.5 * v * (1 + Math.Tanh(Sqrt2OverPi * (v + 0.044715 * v * v * v))));
                }
                break;
            case Activation.GeluExact:
                for (var i = 0; i < x.Length; i++)
                {
                    double v = x[i];
                    x[i] = (float)(0.5 * v * (1 + Erf(v / Math.Sqrt(2))));
                }
                break;
        }
    }

    /// <summary>erf with absolute error below 1.2e-7 (Numerical Recipes' erfc Chebyshev fit), ample for float32.</summary>
    public static double Erf(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - r : r - 1;
    }
}
