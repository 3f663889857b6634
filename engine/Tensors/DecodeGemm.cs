using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lens.Engine.IO;

namespace Lens.Engine.Tensors;

/// <summary>
/// The GEMM of a decode step, Y[N, R] = X[N, K]·Wᵀ for the few tokens of concurrent streams (2 ≤ N ≤
/// <see cref="MatMul.DecodeTokens"/>). Decode is memory-bound, so the weights must stream from memory once per step,
/// not once per token: two weight rows at a time meet up to eight tokens in sixteen AVX-512 accumulators, and further
/// tiles of eight tokens reuse the two rows while they are in L1. X is first packed tile by tile so that one pointer
/// walks all tokens of a tile (eight row pointers do not fit the registers beside the loop's own). BF16 rows are widened
/// in registers (evens by a shift, odds by a mask, against x packed as 16 even then 16 odd columns); F16 rows are
/// widened into scratch. Rows are prefetched a few KB ahead (non-temporal: they are read once per step). Rows too
/// wide for a tile's x to stay in L1 run in column blocks over groups of rows, partial sums added in Y.
/// </summary>
internal static unsafe class DecodeGemm
{
    /// <summary>Tokens per register tile.</summary>
    public const int TileTokens = 8;
    /// <summary>
    /// How far ahead (at least two rows) each row pair prefetches, chosen side by side on the stories110M matrices: for
    /// 8 BF16 tokens 12 KB ahead beat 3 KB by 25 % and 6 KB by 8 %; F32 rows did best 6 KB (two rows) ahead.
    /// </summary>
    private const int PrefetchBytesF32 = 6 * 1024, PrefetchBytesBf16 = 12 * 1024;
    /// <summary>Bytes of packed x a tile may keep in L1 (half of a 48 KB L1, the rest for the streaming rows).</summary>
    private const int L1Budget = 24 * 1024;
    /// <summary>Columns per block when x is too wide (a multiple of both packing widths).</summary>
    private const int ColumnBlock = 512;
    /// <summary>Rows that run over one column block before the next: the block of x is reused by all of them.</summary>
    private const int RowGroup = 32;

    /// <summary>Columns per packed group: one AVX-512 vector of F32, or one 64-byte load of 32 BF16 values.</summary>
    private static int GroupWidth(TensorDType dtype) => dtype == TensorDType.BF16 ? 32 : 16;

    /// <summary>
    /// X [N, K] → packed: per tile of up to eight tokens (at t0·G·W), per group of W columns, the tile's tokens one after
    /// another (W values each; for BF16 the group's 16 even then 16 odd columns). Columns past the last whole group
    /// are left out (the kernels take them from X). <paramref name="packed"/> holds N·K floats.
    /// </summary>
    public static void Pack(float* x, int n, int k, TensorDType dtype, float* packed)
    {
        var width = GroupWidth(dtype);
        var groups = k / width;
        // Lane i of the first result takes element 2i of [a | b], of the second 2i + 1: even and odd columns.
        var evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var odds = evens + Vector512<int>.One;
        for (var t0 = 0; t0 < n; t0 += TileTokens)
        {
            var tokens = Math.Min(TileTokens, n - t0);
            var tile = packed + (long)t0 * groups * width;
            for (var g = 0; g < groups; g++)
                for (var t = 0; t < tokens; t++)
                {
                    var source = x + (long)(t0 + t) * k + g * width;
                    var target = tile + ((long)g * tokens + t) * width;
                    var a = Vector512.Load(source);
                    if (width == 16) { a.Store(target); continue; }
                    var b = Vector512.Load(source + 16);
                    Avx512F.PermuteVar16x32x2(a, evens, b).Store(target);
                    Avx512F.PermuteVar16x32x2(a, odds, b).Store(target + 16);
                }
        }
    }

    /// <summary>
    /// Rows [start, end) of Y for <paramref name="n"/> tokens, X given as is and as <see cref="Pack"/>ed;
    /// <paramref name="scratch"/> has room for two widened rows (F16 only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRows(float* x, float* packed, int n, in WeightMatrix w, float* y, int start, int end, float* scratch)
    {
        int k = w.Cols;
        var columns = (long)k * Math.Min(n, TileTokens) * sizeof(float) <= L1Budget ? k : ColumnBlock;
        var rowGroup = columns == k ? end - start : RowGroup;
        for (var r0 = start; r0 < end; r0 += rowGroup)
            for (var c0 = 0; c0 < k; c0 += columns)
                PassRows(x, packed, n, w, y, r0, Math.Min(end, r0 + rowGroup), c0, Math.Min(columns, k - c0), scratch);
    }

    /// <summary>Rows [start, end), columns [c0, c0 + len), two rows at a time against every tile of tokens.</summary>
    private static void PassRows(float* x, float* packed, int n, in WeightMatrix w, float* y, int start, int end, int c0, int len, float* scratch)
    {
        int k = w.Cols, ldy = w.Rows;
        var wholeColumns = k / GroupWidth(w.DType) * GroupWidth(w.DType);
        var accumulate = c0 > 0;
        for (var r = start; r < end; r += 2)
        {
            // An odd last row runs paired with itself (see Store).
            var twin = r + 1 < end ? r + 1 : r;
            float* f0 = null, f1 = null;
            if (w.DType == TensorDType.F32) { f0 = (float*)w.Row(r) + c0; f1 = (float*)w.Row(twin) + c0; }
            else if (w.DType != TensorDType.BF16)
            {
                // Widened 2k apart, the stride the kernel's prefetch assumes, so the prefetch stays near scratch.
                Numerics.ConvertToFloat(w.Row(r) + (long)c0 * w.DType.Size(), w.DType, new Span<float>(scratch, len));
                Numerics.ConvertToFloat(w.Row(twin) + (long)c0 * w.DType.Size(), w.DType, new Span<float>(scratch + k, len));
                f0 = scratch; f1 = scratch + k;
            }
            for (var t0 = 0; t0 < n; t0 += TileTokens)
            {
                var tokens = Math.Min(TileTokens, n - t0);
                var xt = x + (long)t0 * k + c0;
                var pt = packed + (long)t0 * wholeColumns + (long)c0 * tokens;
                float* y0 = y + (long)t0 * ldy + r, y1 = y + (long)t0 * ldy + twin;
                if (f0 != null) TileF32(tokens, pt, xt, k, len, f0, f1, y0, y1, ldy, accumulate);
                else TileBf16(tokens, pt, xt, k, len, (ushort*)w.Row(r) + c0, (ushort*)w.Row(twin) + c0, y0, y1, ldy, accumulate);
            }
        }
    }

    private static void TileF32(int tokens, float* xp, float* x, int k, int len, float* w0, float* w1, float* y0, float* y1, int ldy, bool accumulate)
    {
        switch (tokens)
        {
            case 1: F32<OneToken>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 2: F32<TwoTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 3: F32<ThreeTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 4: F32<FourTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 5: F32<FiveTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 6: F32<SixTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 7: F32<SevenTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            default: F32<EightTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
        }
    }

    private static void TileBf16(int tokens, float* xp, float* x, int k, int len, ushort* w0, ushort* w1, float* y0, float* y1, int ldy, bool accumulate)
    {
        switch (tokens)
        {
            case 1: Bf16<OneToken>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 2: Bf16<TwoTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 3: Bf16<ThreeTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 4: Bf16<FourTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 5: Bf16<FiveTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 6: Bf16<SixTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            case 7: Bf16<SevenTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
            default: Bf16<EightTokens>(xp, x, k, len, w0, w1, y0, y1, ldy, accumulate); break;
        }
    }

    /// <summary>
    /// Two F32 rows × T tokens over <paramref name="len"/> columns; accumulator aTR holds token T against row R.
    /// <paramref name="xp"/> walks the packed tile; <paramref name="x"/> (rows k apart) serves the last columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void F32<T>(float* xp, float* x, int k, int len, float* w0, float* w1, float* y0, float* y1, int ldy, bool accumulate) where T : struct, ITokenCount
    {
        var sums = stackalloc float[16]; // before the loop: allocating after it would make the JIT spill the accumulators
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        Vector512<float> a40 = default, a41 = default, a50 = default, a51 = default, a60 = default, a61 = default, a70 = default, a71 = default;
        var ahead = (long)Math.Max(2, PrefetchBytesF32 / (k * sizeof(float))) * k;
        var c = 0;
        for (; c + 16 <= len; c += 16, xp += T.Count * 16)
        {
            Sse.PrefetchNonTemporal(w0 + c + ahead);
            Sse.PrefetchNonTemporal(w1 + c + ahead);
            var u0 = Vector512.Load(w0 + c);
            var u1 = Vector512.Load(w1 + c);
            var v = Vector512.Load(xp); a00 = Vector512.FusedMultiplyAdd(u0, v, a00); a01 = Vector512.FusedMultiplyAdd(u1, v, a01);
            if (T.Count > 1) { v = Vector512.Load(xp + 16); a10 = Vector512.FusedMultiplyAdd(u0, v, a10); a11 = Vector512.FusedMultiplyAdd(u1, v, a11); }
            if (T.Count > 2) { v = Vector512.Load(xp + 32); a20 = Vector512.FusedMultiplyAdd(u0, v, a20); a21 = Vector512.FusedMultiplyAdd(u1, v, a21); }
            if (T.Count > 3) { v = Vector512.Load(xp + 48); a30 = Vector512.FusedMultiplyAdd(u0, v, a30); a31 = Vector512.FusedMultiplyAdd(u1, v, a31); }
            if (T.Count > 4) { v = Vector512.Load(xp + 64); a40 = Vector512.FusedMultiplyAdd(u0, v, a40); a41 = Vector512.FusedMultiplyAdd(u1, v, a41); }
            if (T.Count > 5) { v = Vector512.Load(xp + 80); a50 = Vector512.FusedMultiplyAdd(u0, v, a50); a51 = Vector512.FusedMultiplyAdd(u1, v, a51); }
            if (T.Count > 6) { v = Vector512.Load(xp + 96); a60 = Vector512.FusedMultiplyAdd(u0, v, a60); a61 = Vector512.FusedMultiplyAdd(u1, v, a61); }
            if (T.Count > 7) { v = Vector512.Load(xp + 112); a70 = Vector512.FusedMultiplyAdd(u0, v, a70); a71 = Vector512.FusedMultiplyAdd(u1, v, a71); }
        }
        HorizontalSums.Of16(a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71).Store(sums);
        for (var t = 0; t < T.Count; t++)
        {
            float s0 = sums[2 * t], s1 = sums[2 * t + 1], xt = 0;
            for (var j = c; j < len; j++) { xt = x[(long)t * k + j]; s0 += w0[j] * xt; s1 += w1[j] * xt; }
            Store(s0, s1, y0 + (long)t * ldy, y1 + (long)t * ldy, accumulate);
        }
    }

    /// <summary>
    /// Two BF16 rows × T tokens. Each 32-bit lane of a 64-byte load holds two weights: the even column becomes a float
    /// by a left shift, the odd one by masking, and they meet the packed tile's 16 even and 16 odd columns of the same 32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bf16<T>(float* xp, float* x, int k, int len, ushort* w0, ushort* w1, float* y0, float* y1, int ldy, bool accumulate) where T : struct, ITokenCount
    {
        var sums = stackalloc float[16]; // before the loop: allocating after it would make the JIT spill the accumulators
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        Vector512<float> a40 = default, a41 = default, a50 = default, a51 = default, a60 = default, a61 = default, a70 = default, a71 = default;
        var high = Vector512.Create(0xFFFF0000u);
        var ahead = (long)Math.Max(2, PrefetchBytesBf16 / (k * sizeof(ushort))) * k;
        var c = 0;
        for (; c + 32 <= len; c += 32, xp += T.Count * 32)
        {
            Sse.PrefetchNonTemporal(w0 + c + ahead);
            Sse.PrefetchNonTemporal(w1 + c + ahead);
            var u = Vector512.Load((uint*)(w0 + c));
            var v = Vector512.Load((uint*)(w1 + c));
            var e0 = Vector512.ShiftLeft(u, 16).AsSingle();
            var o0 = (u & high).AsSingle();
            var e1 = Vector512.ShiftLeft(v, 16).AsSingle();
            var o1 = (v & high).AsSingle();
            Vector512<float> xe, xo;
            xe = Vector512.Load(xp); xo = Vector512.Load(xp + 16);
            a00 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a00)); a01 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a01));
            if (T.Count > 1)
            {
                xe = Vector512.Load(xp + 32); xo = Vector512.Load(xp + 48);
                a10 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a10)); a11 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a11));
            }
            if (T.Count > 2)
            {
                xe = Vector512.Load(xp + 64); xo = Vector512.Load(xp + 80);
                a20 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a20)); a21 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a21));
            }
            if (T.Count > 3)
            {
                xe = Vector512.Load(xp + 96); xo = Vector512.Load(xp + 112);
                a30 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a30)); a31 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a31));
            }
            if (T.Count > 4)
            {
                xe = Vector512.Load(xp + 128); xo = Vector512.Load(xp + 144);
                a40 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a40)); a41 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a41));
            }
            if (T.Count > 5)
            {
                xe = Vector512.Load(xp + 160); xo = Vector512.Load(xp + 176);
                a50 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a50)); a51 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a51));
            }
            if (T.Count > 6)
            {
                xe = Vector512.Load(xp + 192); xo = Vector512.Load(xp + 208);
                a60 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a60)); a61 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a61));
            }
            if (T.Count > 7)
            {
                xe = Vector512.Load(xp + 224); xo = Vector512.Load(xp + 240);
                a70 = Vector512.FusedMultiplyAdd(o0, xo, Vector512.FusedMultiplyAdd(e0, xe, a70)); a71 = Vector512.FusedMultiplyAdd(o1, xo, Vector512.FusedMultiplyAdd(e1, xe, a71));
            }
        }
        HorizontalSums.Of16(a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71).Store(sums);
        for (var t = 0; t < T.Count; t++)
        {
            float s0 = sums[2 * t], s1 = sums[2 * t + 1], xt = 0;
            for (var j = c; j < len; j++)
            {
                xt = x[(long)t * k + j];
                s0 += BitConverter.Int32BitsToSingle(w0[j] << 16) * xt;
                s1 += BitConverter.Int32BitsToSingle(w1[j] << 16) * xt;
            }
            Store(s0, s1, y0 + (long)t * ldy, y1 + (long)t * ldy, accumulate);
        }
    }

    /// <summary>
    /// Writes (or adds, for a later column block) the two results of one token. Both are read before either is written:
    /// an odd last row runs as its own twin (y0 = y1), and must get one addition, not two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float s0, float s1, float* y0, float* y1, bool accumulate)
    {
        var o0 = accumulate ? *y0 + s0 : s0;
        var o1 = accumulate ? *y1 + s1 : s1;
        *y1 = o1;
        *y0 = o0;
    }
}
