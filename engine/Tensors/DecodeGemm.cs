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
        var sums = stackalloc float[16]; // before the loop: allocating after it would make the JIT spill the accumulators
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
        Reduce16(a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71).Store(sums);
        for (var t = 0; t < T.Count; t++) FinishF32(sums[Lane(2 * t)], sums[Lane(2 * t + 1)], x + t * k, w0, w1, c, k, y0 + t * ldy, y1 + t * ldy);
    }

    /// <summary>Where <see cref="Reduce16"/> leaves the sum of its input i (the inputs' 4×4 index transposed).</summary>
    private static int Lane(int i) => i % 4 * 4 + i / 4;

    /// <summary>
    /// The horizontal sums of sixteen vectors in one vector (input i's sum in lane <see cref="Lane"/>(i)), by a tree of
    /// 128-bit block shuffles, in-block unpacks and adds: ~45 instructions where sixteen separate sums take ~400 (about
    /// 5 % of a BF16 tile of 8 tokens on a 768-wide row, measured in L2; the loop itself runs at the FMA ports' limit).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Reduce16(
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7,
        Vector512<float> v8, Vector512<float> v9, Vector512<float> v10, Vector512<float> v11, Vector512<float> v12, Vector512<float> v13, Vector512<float> v14, Vector512<float> v15)
    {
        // Blocks: pairs → [a0+a2, a1+a3, b0+b2, b1+b3]; then fours → block j holds 4 partial sums of input j.
        var u0 = Quads(Halves(v0, v1), Halves(v2, v3));
        var u1 = Quads(Halves(v4, v5), Halves(v6, v7));
        var u2 = Quads(Halves(v8, v9), Halves(v10, v11));
        var u3 = Quads(Halves(v12, v13), Halves(v14, v15));
        // In each block, the four lanes of u0..u3 summed: lane 4b + k = input 4k + b.
        var p = Avx512F.UnpackLow(u0, u1) + Avx512F.UnpackHigh(u0, u1);
        var q = Avx512F.UnpackLow(u2, u3) + Avx512F.UnpackHigh(u2, u3);
        return Avx512F.Shuffle(p, q, 0x44) + Avx512F.Shuffle(p, q, 0xEE);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Halves(Vector512<float> a, Vector512<float> b) => Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quads(Vector512<float> s, Vector512<float> t) => Avx512F.Shuffle4x128(s, t, 0x88) + Avx512F.Shuffle4x128(s, t, 0xDD);

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
        var sums = stackalloc float[16]; // before the loop: allocating after it would make the JIT spill the accumulators
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
        Reduce16(a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71).Store(sums);
        for (var t = 0; t < T.Count; t++) FinishBf16(sums[Lane(2 * t)], sums[Lane(2 * t + 1)], x + t * k, w0, w1, c, k, y0 + t * ldy, y1 + t * ldy);
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
