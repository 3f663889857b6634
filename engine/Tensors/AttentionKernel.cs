using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Lens.Engine.Tensors;

/// <summary>
/// One query row of attention over keys [first, first + count) of a cache laid out [position, stride]: scaled scores,
/// optional tanh soft-cap, softmax (into <paramref name="scores"/>, left as probabilities), and the weighted sum of
/// values into <paramref name="output"/>. Head dims that are multiples of 16 run in AVX-512 registers, multiples of 8
/// in AVX registers, the output held in registers over all keys (a 512-token prefill gains ~10 % over loading and
/// storing it per key); other head dims run plain loops. Small heads (stories260K: hd = 8) spent most of a decode step
/// in a library call per key before they had a register path.
/// </summary>
public static unsafe class AttentionKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row(float* q, float* keys, float* values, int stride, int first, int count, int hd, float scale, float softcap, float* scores, float* output)
    {
        var width = Vector512.IsHardwareAccelerated && hd % 16 == 0 ? 16 : Vector256.IsHardwareAccelerated && hd % 8 == 0 ? 8 : 1;
        for (var j = 0; j < count; j++) scores[j] = Dot(q, keys + (long)(first + j) * stride, hd, width) * scale;
        var p = new Span<float>(scores, count);
        if (softcap != 0f)
        {
            TensorPrimitives.Divide(p, softcap, p);
            TensorPrimitives.Tanh(p, p);
            TensorPrimitives.Multiply(p, softcap, p);
        }
        TensorPrimitives.SoftMax(p, p);
        var v0 = values + (long)first * stride;
        switch (width)
        {
            case 16: Mix512(scores, v0, stride, count, hd, output); break;
            case 8: Mix256(scores, v0, stride, count, hd, output); break;
            default:
                for (var c = 0; c < hd; c++)
                {
                    var sum = 0f;
                    for (var j = 0; j < count; j++) sum += scores[j] * v0[(long)j * stride + c];
                    output[c] = sum;
                }
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* q, float* k, int hd, int width)
    {
        if (width == 16)
        {
            var acc = Vector512<float>.Zero;
            for (var c = 0; c < hd; c += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(q + c), Vector512.Load(k + c), acc);
            return Vector512.Sum(acc);
        }
        if (width == 8)
        {
            var acc = Vector256<float>.Zero;
            for (var c = 0; c < hd; c += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(q + c), Vector256.Load(k + c), acc);
            return Vector256.Sum(acc);
        }
        var dot = 0f;
        for (var c = 0; c < hd; c++) dot += q[c] * k[c];
        return dot;
    }

    /// <summary>Each 16-wide slice of the output stays in registers over all keys: four accumulators, keys four at a time.</summary>
    private static void Mix512(float* scores, float* v0, int stride, int count, int hd, float* output)
    {
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
    }

    /// <summary><see cref="Mix512"/> for 8-wide slices.</summary>
    private static void Mix256(float* scores, float* v0, int stride, int count, int hd, float* output)
    {
        for (var c = 0; c < hd; c += 8)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            var j = 0;
            for (; j + 4 <= count; j += 4)
            {
                var v = v0 + (long)j * stride + c;
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(scores[j]), Vector256.Load(v), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.Create(scores[j + 1]), Vector256.Load(v + stride), a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.Create(scores[j + 2]), Vector256.Load(v + 2L * stride), a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.Create(scores[j + 3]), Vector256.Load(v + 3L * stride), a3);
            }
            for (; j < count; j++) a0 = Vector256.FusedMultiplyAdd(Vector256.Create(scores[j]), Vector256.Load(v0 + (long)j * stride + c), a0);
            ((a0 + a1) + (a2 + a3)).Store(output + c);
        }
    }
}
