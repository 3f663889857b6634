using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        Scores(q, keys, stride, first, count, hd, width, scale, scores);
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

    /// <summary>
    /// Scaled q·k of keys [first, first + count) into scores. With 16-wide heads, sixteen keys at a time end in one
    /// <see cref="HorizontalSums"/> tree: a decode row's per-key cost was mostly its own horizontal sum (4 FMAs and a
    /// 25-instruction reduction for hd = 64), and a decode step of many streams spends its non-weight time here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scores(float* q, float* keys, int stride, int first, int count, int hd, int width, float scale, float* scores)
    {
        var j = 0;
        if (width == 16 && Avx512F.IsSupported)
            for (; j + 16 <= count; j += 16)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
                var k = keys + (long)(first + j) * stride;
                long s = stride;
                for (var c = 0; c < hd; c += 16, k += 16)
                {
                    var qv = Vector512.Load(q + c);
                    a0 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k), a0);
                    a1 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + s), a1);
                    a2 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 2 * s), a2);
                    a3 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 3 * s), a3);
                    a4 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 4 * s), a4);
                    a5 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 5 * s), a5);
                    a6 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 6 * s), a6);
                    a7 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 7 * s), a7);
                    a8 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 8 * s), a8);
                    a9 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 9 * s), a9);
                    a10 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 10 * s), a10);
                    a11 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 11 * s), a11);
                    a12 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 12 * s), a12);
                    a13 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 13 * s), a13);
                    a14 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 14 * s), a14);
                    a15 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k + 15 * s), a15);
                }
                (HorizontalSums.Of16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15) * scale).Store(scores + j);
            }
        for (; j < count; j++) scores[j] = Dot(q, keys + (long)(first + j) * stride, hd, width) * scale;
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
