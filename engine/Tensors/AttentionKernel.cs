using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Lens.Engine.Tensors;

/// <summary>
/// One query row of attention over keys [first, first + count) of a cache laid out [position, stride]: scaled scores,
/// optional tanh soft-cap, softmax (into <paramref name="scores"/>, left as probabilities), and the weighted sum of
/// values into <paramref name="output"/>. Head dims that are multiples of 16 run in AVX-512 registers, the output
/// held in registers over all keys (a 512-token prefill gains ~10 % over loading and storing it per key).
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
        if (wide)
        {
            // Each 16-wide slice of the output stays in registers over all keys: four accumulators, keys taken four at a time.
            var v0 = values + (long)first * stride;
            for (var c = 0; c < hd; c += 16)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                var j = 0;
                for (; j + 4 <= count; j += 4)
                {
                    var v = v0 + (long)j * stride + c;
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(scores[j]), Vector512.Load(v), a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Create(scores[j + 1]), Vector512.Load(v + stride), a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Create(scores[j + 2]), Vector512.Load(v + 2L * stride), a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Create(scores[j + 3]), Vector512.Load(v + 3L * stride), a3);
                }
                for (; j < count; j++) a0 = Vector512.FusedMultiplyAdd(Vector512.Create(scores[j]), Vector512.Load(v0 + (long)j * stride + c), a0);
                ((a0 + a1) + (a2 + a3)).Store(output + c);
            }
            return;
        }
        var o = new Span<float>(output, hd);
        o.Clear();
        for (var j = 0; j < count; j++)
            TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(values + (long)(first + j) * stride, hd), scores[j], o, o);
    }
}
