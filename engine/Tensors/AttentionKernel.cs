using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Lens.Engine.Tensors;

/// <summary>
/// One query row of attention over keys [first, first + count) of a cache laid out [position, stride]: scaled scores,
/// optional tanh soft-cap, softmax (into <paramref name="scores"/>, left as probabilities), and the weighted sum of
/// values into <paramref name="output"/>. Head dims that are multiples of 16 run in AVX-512 registers.
/// </summary>
public static unsafe class AttentionKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row(float* q, float* keys, float* values, int stride, int first, int count, int hd, float scale, float softcap, float* scores, float* output)
    {
        var wide = Vector512.IsHardwareAccelerated && hd % 16 == 0;
        for (var j = 0; j < count; j++)
        {
            var k = keys + (long)(first + j) * stride;
            float dot;
            if (wide)
            {
                var acc = Vector512<float>.Zero;
                for (var c = 0; c < hd; c += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(q + c), Vector512.Load(k + c), acc);
                dot = Vector512.Sum(acc);
            }
            else dot = TensorPrimitives.Dot(new ReadOnlySpan<float>(q, hd), new ReadOnlySpan<float>(k, hd));
            scores[j] = dot * scale;
        }
        var p = new Span<float>(scores, count);
        if (softcap != 0f)
        {
            TensorPrimitives.Divide(p, softcap, p);
            TensorPrimitives.Tanh(p, p);
            TensorPrimitives.Multiply(p, softcap, p);
        }
        TensorPrimitives.SoftMax(p, p);
        var o = new Span<float>(output, hd);
        o.Clear();
        for (var j = 0; j < count; j++)
        {
            var v = values + (long)(first + j) * stride;
            if (wide)
            {
                var w = Vector512.Create(scores[j]);
                for (var c = 0; c < hd; c += 16) Vector512.FusedMultiplyAdd(w, Vector512.Load(v + c), Vector512.Load(output + c)).Store(output + c);
            }
            else TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(v, hd), scores[j], o, o);
        }
    }
}
