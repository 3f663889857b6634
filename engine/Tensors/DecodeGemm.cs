using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lens.Engine.IO;

namespace Lens.Engine.Tensors;

/// <summary>
/// The GEMM of a decode step, Y[N, R] = X[N, K]·Wᵀ for the few tokens of concurrent streams (2 ≤ N ≤
/// <see cref="MatMul.DecodeTokens"/>). Decode is memory-bound, so the weights must stream from memory once per step, not once per token: two weight
/// rows at a time meet up to eight tokens in sixteen AVX-512 accumulators, and further groups of eight tokens reuse the
/// two rows while they are still in L1. BF16 rows are widened in registers (evens by a shift, odds by a mask, against
/// x in <see cref="MatMul"/>'s pair order); F16 rows are widened into scratch once per pair of rows. Each pair of
/// rows prefetches the next pair (non-temporal, the rows are read once per step): side by side with a fixed 2 KB
/// distance this took BF16 from below to above the one-row-per-token kernel at two tokens.
/// </summary>
internal static unsafe class DecodeGemm
{
    /// <summary>Tokens per register tile.</summary>
    public const int TileTokens = 8;

    /// <summary>
    /// Rows [start, end) of Y for <paramref name="n"/> tokens. <paramref name="paired"/> holds x in pair order (BF16
    /// only); <paramref name="scratch"/> has room for two widened rows (F16 only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRows(float* x, float* paired, int n, in WeightMatrix w, float* y, int start, int end, float* scratch)
    {
        int k = w.Cols, ldy = w.Rows;
        for (var r = start; r < end; r += 2)
        {
            // An odd last row runs paired with itself: both results are equal, so the second store is harmless.
            var twin = r + 1 < end ? r + 1 : r;
            float* f0 = null, f1 = null;
            if (w.DType == TensorDType.F32) { f0 = (float*)w.Row(r); f1 = (float*)w.Row(twin); }
            else if (w.DType != TensorDType.BF16)
            {
                Numerics.ConvertToFloat(w.Row(r), w.DType, new Span<float>(scratch, k));
                Numerics.ConvertToFloat(w.Row(twin), w.DType, new Span<float>(scratch + k, k));
                f0 = scratch; f1 = scratch + k;
            }
            for (var t0 = 0; t0 < n; t0 += TileTokens)
            {
                var tokens = Math.Min(TileTokens, n - t0);
                float* xt = x + (long)t0 * k, pt = paired + (long)t0 * k, y0 = y + (long)t0 * ldy + r, y1 = y + (long)t0 * ldy + twin;
                if (f0 != null) TileF32(tokens, xt, k, f0, f1, y0, y1, ldy);
                else TileBf16(tokens, xt, pt, k, (ushort*)w.Row(r), (ushort*)w.Row(twin), y0, y1, ldy);
            }
        }
    }

    private static void TileF32(int tokens, float* x, int k, float* w0, float* w1, float* y0, float* y1, int ldy)
    {
        switch (tokens)
        {
            case 1: F32<OneToken>(x, k, w0, w1, y0, y1, ldy); break;
            case 2: F32<TwoTokens>(x, k, w0, w1, y0, y1, ldy); break;
            case 3: F32<ThreeTokens>(x, k, w0, w1, y0, y1, ldy); break;
            case 4: F32<FourTokens>(x, k, w0, w1, y0, y1, ldy); break;
            case 5: F32<FiveTokens>(x, k, w0, w1, y0, y1, ldy); break;
            case 6: F32<SixTokens>(x, k, w0, w1, y0, y1, ldy); break;
            case 7: F32<SevenTokens>(x, k, w0, w1, y0, y1, ldy); break;
            default: F32<EightTokens>(x, k, w0, w1, y0, y1, ldy); break;
        }
    }

    private static void TileBf16(int tokens, float* x, float* paired, int k, ushort* w0, ushort* w1, float* y0, float* y1, int ldy)
    {
        switch (tokens)
        {
            case 1: Bf16<OneToken>(x, paired, k, w0, w1, y0, y1, ldy); break;
            case 2: Bf16<TwoTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
            case 3: Bf16<ThreeTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
            case 4: Bf16<FourTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
            case 5: Bf16<FiveTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
            case 6: Bf16<SixTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
            case 7: Bf16<SevenTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
            default: Bf16<EightTokens>(x, paired, k, w0, w1, y0, y1, ldy); break;
        }
    }

    /// <summary>Two F32 rows × T tokens; accumulator aTR holds token T against row R.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void F32<T>(float* x, int k, float* w0, float* w1, float* y0, float* y1, int ldy) where T : struct, ITokenCount
    {
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        Vector512<float> a40 = default, a41 = default, a50 = default, a51 = default, a60 = default, a61 = default, a70 = default, a71 = default;
        float* x0 = x, x1 = x + k, x2 = x + 2 * k, x3 = x + 3 * k, x4 = x + 4 * k, x5 = x + 5 * k, x6 = x + 6 * k, x7 = x + 7 * k;
        var c = 0;
        for (; c + 16 <= k; c += 16)
        {
            Sse.PrefetchNonTemporal(w0 + c + 2 * k);
            Sse.PrefetchNonTemporal(w1 + c + 2 * k);
            var u0 = Vector512.Load(w0 + c);
            var u1 = Vector512.Load(w1 + c);
            var v = Vector512.Load(x0 + c); a00 = Vector512.FusedMultiplyAdd(u0, v, a00); a01 = Vector512.FusedMultiplyAdd(u1, v, a01);
            if (T.Count > 1) { v = Vector512.Load(x1 + c); a10 = Vector512.FusedMultiplyAdd(u0, v, a10); a11 = Vector512.FusedMultiplyAdd(u1, v, a11); }
            if (T.Count > 2) { v = Vector512.Load(x2 + c); a20 = Vector512.FusedMultiplyAdd(u0, v, a20); a21 = Vector512.FusedMultiplyAdd(u1, v, a21); }
            if (T.Count > 3) { v = Vector512.Load(x3 + c); a30 = Vector512.FusedMultiplyAdd(u0, v, a30); a31 = Vector512.FusedMultiplyAdd(u1, v, a31); }
            if (T.Count > 4) { v = Vector512.Load(x4 + c); a40 = Vector512.FusedMultiplyAdd(u0, v, a40); a41 = Vector512.FusedMultiplyAdd(u1, v, a41); }
            if (T.Count > 5) { v = Vector512.Load(x5 + c); a50 = Vector512.FusedMultiplyAdd(u0, v, a50); a51 = Vector512.FusedMultiplyAdd(u1, v, a51); }
            if (T.Count > 6) { v = Vector512.Load(x6 + c); a60 = Vector512.FusedMultiplyAdd(u0, v, a60); a61 = Vector512.FusedMultiplyAdd(u1, v, a61); }
            if (T.Count > 7) { v = Vector512.Load(x7 + c); a70 = Vector512.FusedMultiplyAdd(u0, v, a70); a71 = Vector512.FusedMultiplyAdd(u1, v, a71); }
        }
        FinishF32(Vector512.Sum(a00), Vector512.Sum(a01), x0, w0, w1, c, k, y0, y1);
        if (T.Count > 1) FinishF32(Vector512.Sum(a10), Vector512.Sum(a11), x1, w0, w1, c, k, y0 + ldy, y1 + ldy);
        if (T.Count > 2) FinishF32(Vector512.Sum(a20), Vector512.Sum(a21), x2, w0, w1, c, k, y0 + 2 * ldy, y1 + 2 * ldy);
        if (T.Count > 3) FinishF32(Vector512.Sum(a30), Vector512.Sum(a31), x3, w0, w1, c, k, y0 + 3 * ldy, y1 + 3 * ldy);
        if (T.Count > 4) FinishF32(Vector512.Sum(a40), Vector512.Sum(a41), x4, w0, w1, c, k, y0 + 4 * ldy, y1 + 4 * ldy);
        if (T.Count > 5) FinishF32(Vector512.Sum(a50), Vector512.Sum(a51), x5, w0, w1, c, k, y0 + 5 * ldy, y1 + 5 * ldy);
        if (T.Count > 6) FinishF32(Vector512.Sum(a60), Vector512.Sum(a61), x6, w0, w1, c, k, y0 + 6 * ldy, y1 + 6 * ldy);
        if (T.Count > 7) FinishF32(Vector512.Sum(a70), Vector512.Sum(a71), x7, w0, w1, c, k, y0 + 7 * ldy, y1 + 7 * ldy);
    }

    /// <summary>The columns past the last whole vector, then the two results of one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishF32(float s0, float s1, float* x, float* w0, float* w1, int c, int k, float* y0, float* y1)
    {
        for (; c < k; c++) { s0 += w0[c] * x[c]; s1 += w1[c] * x[c]; }
        *y0 = s0;
        *y1 = s1;
    }

    /// <summary>
    /// Two BF16 rows × T tokens. Each 32-bit lane of a 64-byte load holds two weights: the even column becomes a float
    /// by a left shift, the odd one by masking, and they meet x's 16 even and 16 odd columns of the same 32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bf16<T>(float* x, float* paired, int k, ushort* w0, ushort* w1, float* y0, float* y1, int ldy) where T : struct, ITokenCount
    {
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        Vector512<float> a40 = default, a41 = default, a50 = default, a51 = default, a60 = default, a61 = default, a70 = default, a71 = default;
        float* p0 = paired, p1 = paired + k, p2 = paired + 2 * k, p3 = paired + 3 * k, p4 = paired + 4 * k, p5 = paired + 5 * k, p6 = paired + 6 * k, p7 = paired + 7 * k;
        var high = Vector512.Create(0xFFFF0000u);
        var c = 0;
        for (; c + 32 <= k; c += 32)
        {
            Sse.PrefetchNonTemporal(w0 + c + 2 * k);
            Sse.PrefetchNonTemporal(w1 + c + 2 * k);
            var u = Vector512.Load((uint*)(w0 + c));
            var v = Vector512.Load((uint*)(w1 + c));
            var e0 = Vector512.ShiftLeft(u, 16).AsSingle();
            var o0 = (u & high).AsSingle();
            var e1 = Vector512.ShiftLeft(v, 16).AsSingle();
            var o1 = (v & high).AsSingle();
            Vector512<float> xe, xo;
            xe = Vector512.Load(p0 + c); xo = Vector512.Load(p0 + c + 16);
            a00 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a00)); a01 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a01));
            if (T.Count > 1)
            {
                xe = Vector512.Load(p1 + c); xo = Vector512.Load(p1 + c + 16);
                a10 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a10)); a11 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a11));
            }
            if (T.Count > 2)
            {
                xe = Vector512.Load(p2 + c); xo = Vector512.Load(p2 + c + 16);
                a20 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a20)); a21 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a21));
            }
            if (T.Count > 3)
            {
                xe = Vector512.Load(p3 + c); xo = Vector512.Load(p3 + c + 16);
                a30 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a30)); a31 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a31));
            }
            if (T.Count > 4)
            {
                xe = Vector512.Load(p4 + c); xo = Vector512.Load(p4 + c + 16);
                a40 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a40)); a41 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a41));
            }
            if (T.Count > 5)
            {
                xe = Vector512.Load(p5 + c); xo = Vector512.Load(p5 + c + 16);
                a50 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a50)); a51 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a51));
            }
            if (T.Count > 6)
            {
                xe = Vector512.Load(p6 + c); xo = Vector512.Load(p6 + c + 16);
                a60 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a60)); a61 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a61));
            }
            if (T.Count > 7)
            {
                xe = Vector512.Load(p7 + c); xo = Vector512.Load(p7 + c + 16);
                a70 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a70)); a71 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a71));
            }
        }
        FinishBf16(Vector512.Sum(a00), Vector512.Sum(a01), x, w0, w1, c, k, y0, y1);
        if (T.Count > 1) FinishBf16(Vector512.Sum(a10), Vector512.Sum(a11), x + k, w0, w1, c, k, y0 + ldy, y1 + ldy);
        if (T.Count > 2) FinishBf16(Vector512.Sum(a20), Vector512.Sum(a21), x + 2 * k, w0, w1, c, k, y0 + 2 * ldy, y1 + 2 * ldy);
        if (T.Count > 3) FinishBf16(Vector512.Sum(a30), Vector512.Sum(a31), x + 3 * k, w0, w1, c, k, y0 + 3 * ldy, y1 + 3 * ldy);
        if (T.Count > 4) FinishBf16(Vector512.Sum(a40), Vector512.Sum(a41), x + 4 * k, w0, w1, c, k, y0 + 4 * ldy, y1 + 4 * ldy);
        if (T.Count > 5) FinishBf16(Vector512.Sum(a50), Vector512.Sum(a51), x + 5 * k, w0, w1, c, k, y0 + 5 * ldy, y1 + 5 * ldy);
        if (T.Count > 6) FinishBf16(Vector512.Sum(a60), Vector512.Sum(a61), x + 6 * k, w0, w1, c, k, y0 + 6 * ldy, y1 + 6 * ldy);
        if (T.Count > 7) FinishBf16(Vector512.Sum(a70), Vector512.Sum(a71), x + 7 * k, w0, w1, c, k, y0 + 7 * ldy, y1 + 7 * ldy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishBf16(float s0, float s1, float* x, ushort* w0, ushort* w1, int c, int k, float* y0, float* y1)
    {
        for (; c < k; c++)
        {
            s0 += BitConverter.Int32BitsToSingle(w0[c] << 16) * x[c];
            s1 += BitConverter.Int32BitsToSingle(w1[c] << 16) * x[c];
        }
        *y0 = s0;
        *y1 = s1;
    }
}
