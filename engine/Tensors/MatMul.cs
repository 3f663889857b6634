using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lens.Engine.IO;

namespace Lens.Engine.Tensors;

/// <summary>
/// Y[N, out] = X[N, in] · Wᵀ (+ bias), W a <see cref="WeightMatrix"/> in F32, BF16 or F16, split over output rows
/// across the team. From 8 tokens on, the outer-product <see cref="PackedGemm"/> runs; below, register tiles of 4 weight
/// rows × 4 tokens, with BF16 rows widened in registers while decoding.
/// <see cref="Reference"/> is the scalar oracle for tests.
/// </summary>
public static unsafe class MatMul
{
    private const int RowBlock = 4;
    /// <summary>From this many tokens on, the packed outer-product GEMM beats row dot products.</summary>
    private const int PrefillTokens = 8;
    [ThreadStatic] private static float[]? _scratch;

    public static void Multiply(ThreadTeam team, float* x, int n, in WeightMatrix w, float* bias, float* y) =>
        MultiplyMany(team, x, n, [new Projection(w, bias, y)]);

    /// <summary>
    /// Several matrices over the same input (q, k, v; gate, up) as one job for the team: one transpose of X, one
    /// synchronisation, and the rows of all of them shared out together.
    /// </summary>
    public static void MultiplyMany(ThreadTeam team, float* x, int n, Projection[] projections)
    {
        nint xp = (nint)x;
        if (n >= PrefillTokens && Vector512.IsHardwareAccelerated)
        {
            var xt = PackedGemm.Transpose(team, x, n, projections[0].W.Cols, out var paddedN);
            // Blocks are claimed dynamically: prefill is long enough that a stalled thread should not hold the others.
            const int block = 8 * PackedGemm.RowTile;
            var firstBlock = new int[projections.Length + 1];
            for (var i = 0; i < projections.Length; i++) firstBlock[i + 1] = firstBlock[i] + (projections[i].W.Rows + block - 1) / block;
            team.ForEach(firstBlock[^1], b =>
            {
                var i = 0;
                while (b >= firstBlock[i + 1]) i++;
                var p = projections[i];
                int start = (b - firstBlock[i]) * block, end = Math.Min(p.W.Rows, start + block);
                fixed (float* xtp = xt) PackedGemm.MultiplyRows(xtp, n, paddedN, p.W, p.Y, start, end);
                AddBias(p.Bias, n, p.W.Rows, p.Y, start, end);
            });
            return;
        }
        var total = 0;
        foreach (var p in projections) total += p.W.Rows;
        team.For(total, 16, (start, end) =>
        {
            var offset = 0;
            foreach (var p in projections)
            {
                int from = Math.Max(start, offset), to = Math.Min(end, offset + p.W.Rows);
                if (from < to) MultiplyRows((float*)xp, n, p.W, p.Bias, p.Y, from - offset, to - offset);
                offset += p.W.Rows;
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRows(float* x, int n, WeightMatrix w, float* bias, float* y, int start, int end)
    {
        var cols = w.Cols;
        var scratch = _scratch is { } s && s.Length >= RowBlock * cols ? s : _scratch = new float[RowBlock * cols];
        fixed (float* rowsF32 = scratch)
        {
            if (w.DType == TensorDType.BF16 && n < RowBlock && Avx512F.IsSupported)
            {
                // Decoding BF16: x is put in the weights' pair order once, then every row is one stream of 64-byte loads.
                for (var t = 0; t < n; t++) PairUp(x + (long)t * cols, cols, rowsF32 + (long)t * cols);
                for (var r = start; r < end; r++)
                    for (var t = 0; t < n; t++)
                        y[(long)t * w.Rows + r] = DotBf16Pairs(rowsF32 + (long)t * cols, x + (long)t * cols, (ushort*)w.Row(r), cols);
                AddBias(bias, n, w.Rows, y, start, end);
                return;
            }
            for (var r = start; r < end; r += RowBlock)
            {
                var rows = Math.Min(RowBlock, end - r);
                float* wr;
                if (w.DType == TensorDType.F32) wr = (float*)w.Row(r);
                else
                {
                    Numerics.ConvertToFloat(w.Row(r), w.DType, new Span<float>(rowsF32, rows * cols));
                    wr = rowsF32;
                }
                MultiplyBlock(x, n, wr, rows, cols, y + r, w.Rows);
            }
        }
        AddBias(bias, n, w.Rows, y, start, end);
    }

    private static void AddBias(float* bias, int n, int rows, float* y, int start, int end)
    {
        if (bias == null) return;
        for (var t = 0; t < n; t++)
        {
            var yt = new Span<float>(y + (long)t * rows + start, end - start);
            TensorPrimitives.Add(yt, new ReadOnlySpan<float>(bias + start, end - start), yt);
        }
    }

    /// <summary>rows (≤ 4) float32 weight rows against all n tokens; y points at column r of row 0, stride ldy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyBlock(float* x, int n, float* w, int rows, int cols, float* y, int ldy)
    {
        var t = 0;
        if (rows == RowBlock && Vector512.IsHardwareAccelerated)
        {
            for (; t + 4 <= n; t += 4) Tile4x4(x + (long)t * cols, w, cols, y + (long)t * ldy, ldy);
            for (; t < n; t++) Tile4x1(x + (long)t * cols, w, cols, y + (long)t * ldy);
            return;
        }
        for (; t < n; t++)
            for (var i = 0; i < rows; i++)
                y[(long)t * ldy + i] = TensorPrimitives.Dot(new ReadOnlySpan<float>(x + (long)t * cols, cols), new ReadOnlySpan<float>(w + (long)i * cols, cols));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4(float* x, float* w, int k, float* y, int ldy)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        float* w0 = w, w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k;
        float* x0 = x, x1 = x + k, x2 = x + 2 * k, x3 = x + 3 * k;
        var c = 0;
        for (; c + 16 <= k; c += 16)
        {
            var v0 = Vector512.Load(x0 + c); var v1 = Vector512.Load(x1 + c);
            var v2 = Vector512.Load(x2 + c); var v3 = Vector512.Load(x3 + c);
            var u = Vector512.Load(w0 + c);
            a00 = Vector512.FusedMultiplyAdd(u, v0, a00); a01 = Vector512.FusedMultiplyAdd(u, v1, a01);
            a02 = Vector512.FusedMultiplyAdd(u, v2, a02); a03 = Vector512.FusedMultiplyAdd(u, v3, a03);
            u = Vector512.Load(w1 + c);
            a10 = Vector512.FusedMultiplyAdd(u, v0, a10); a11 = Vector512.FusedMultiplyAdd(u, v1, a11);
            a12 = Vector512.FusedMultiplyAdd(u, v2, a12); a13 = Vector512.FusedMultiplyAdd(u, v3, a13);
            u = Vector512.Load(w2 + c);
            a20 = Vector512.FusedMultiplyAdd(u, v0, a20); a21 = Vector512.FusedMultiplyAdd(u, v1, a21);
            a22 = Vector512.FusedMultiplyAdd(u, v2, a22); a23 = Vector512.FusedMultiplyAdd(u, v3, a23);
            u = Vector512.Load(w3 + c);
            a30 = Vector512.FusedMultiplyAdd(u, v0, a30); a31 = Vector512.FusedMultiplyAdd(u, v1, a31);
            a32 = Vector512.FusedMultiplyAdd(u, v2, a32); a33 = Vector512.FusedMultiplyAdd(u, v3, a33);
        }
        float s00 = Vector512.Sum(a00), s01 = Vector512.Sum(a01), s02 = Vector512.Sum(a02), s03 = Vector512.Sum(a03);
        float s10 = Vector512.Sum(a10), s11 = Vector512.Sum(a11), s12 = Vector512.Sum(a12), s13 = Vector512.Sum(a13);
        float s20 = Vector512.Sum(a20), s21 = Vector512.Sum(a21), s22 = Vector512.Sum(a22), s23 = Vector512.Sum(a23);
        float s30 = Vector512.Sum(a30), s31 = Vector512.Sum(a31), s32 = Vector512.Sum(a32), s33 = Vector512.Sum(a33);
        for (; c < k; c++)
        {
            float v0 = x0[c], v1 = x1[c], v2 = x2[c], v3 = x3[c];
            s00 += w0[c] * v0; s01 += w0[c] * v1; s02 += w0[c] * v2; s03 += w0[c] * v3;
            s10 += w1[c] * v0; s11 += w1[c] * v1; s12 += w1[c] * v2; s13 += w1[c] * v3;
            s20 += w2[c] * v0; s21 += w2[c] * v1; s22 += w2[c] * v2; s23 += w2[c] * v3;
            s30 += w3[c] * v0; s31 += w3[c] * v1; s32 += w3[c] * v2; s33 += w3[c] * v3;
        }
        y[0] = s00; y[1] = s10; y[2] = s20; y[3] = s30;
        y[ldy] = s01; y[ldy + 1] = s11; y[ldy + 2] = s21; y[ldy + 3] = s31;
        y[2 * ldy] = s02; y[2 * ldy + 1] = s12; y[2 * ldy + 2] = s22; y[2 * ldy + 3] = s32;
        y[3 * ldy] = s03; y[3 * ldy + 1] = s13; y[3 * ldy + 2] = s23; y[3 * ldy + 3] = s33;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x1(float* x, float* w, int k, float* y)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        float* w0 = w, w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k;
        var c = 0;
        for (; c + 16 <= k; c += 16)
        {
            var v = Vector512.Load(x + c);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(w0 + c), v, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Load(w1 + c), v, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Load(w2 + c), v, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Load(w3 + c), v, a3);
        }
        float s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
        for (; c < k; c++) { var v = x[c]; s0 += w0[c] * v; s1 += w1[c] * v; s2 += w2[c] * v; s3 += w3[c] * v; }
        y[0] = s0; y[1] = s1; y[2] = s2; y[3] = s3;
    }

    /// <summary>
    /// x reordered per 32 columns as [16 even columns | 16 odd columns]: the order in which one 64-byte load of 32 BF16
    /// weights yields its values, evens by a shift and odds by a mask. Columns past the last whole 32 are left out.
    /// </summary>
    private static void PairUp(float* x, int k, float* paired)
    {
        for (var c = 0; c + 32 <= k; c += 32)
            for (var i = 0; i < 16; i++)
            {
                paired[c + i] = x[c + 2 * i];
                paired[c + 16 + i] = x[c + 2 * i + 1];
            }
    }

    /// <summary>
    /// One BF16 row against one token (x and its <see cref="PairUp"/> order), widened in registers. Each 32-bit lane
    /// holds two BF16 values: the low one becomes a float by a left shift, the high one by masking its low half. A
    /// non-temporal software prefetch 2 KB ahead keeps the stream of rows ahead of the loads (measured side by side:
    /// ~10 % more decode than a T0 prefetch, ~50 % more than none; several rows at once, as for F32, were slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float DotBf16Pairs(float* paired, float* x, ushort* w, int k)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var high = Vector512.Create(0xFFFF0000u);
        var c = 0;
        for (; c + 64 <= k; c += 64)
        {
            Sse.PrefetchNonTemporal(w + c + 1024);
            Sse.PrefetchNonTemporal(w + c + 1056);
            var u = Vector512.Load((uint*)(w + c));
            var v = Vector512.Load((uint*)(w + c + 32));
            a0 = Vector512.FusedMultiplyAdd(Vector512.ShiftLeft(u, 16).AsSingle(), Vector512.Load(paired + c), a0);
            a1 = Vector512.FusedMultiplyAdd((u & high).AsSingle(), Vector512.Load(paired + c + 16), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.ShiftLeft(v, 16).AsSingle(), Vector512.Load(paired + c + 32), a2);
            a3 = Vector512.FusedMultiplyAdd((v & high).AsSingle(), Vector512.Load(paired + c + 48), a3);
        }
        for (; c + 32 <= k; c += 32)
        {
            var u = Vector512.Load((uint*)(w + c));
            a0 = Vector512.FusedMultiplyAdd(Vector512.ShiftLeft(u, 16).AsSingle(), Vector512.Load(paired + c), a0);
            a1 = Vector512.FusedMultiplyAdd((u & high).AsSingle(), Vector512.Load(paired + c + 16), a1);
        }
        var sum = Vector512.Sum(a0 + a1 + a2 + a3);
        for (; c < k; c++) sum += Bf16(w[c]) * x[c];
        return sum;
    }

    private static float Bf16(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    /// <summary>Scalar oracle: y[t, r] = Σ_c x[t, c]·w[r, c] (+ bias[r]), in double.</summary>
    public static void Reference(ReadOnlySpan<float> x, int n, ReadOnlySpan<float> w, int rows, int cols, ReadOnlySpan<float> bias, Span<float> y)
    {
        for (var t = 0; t < n; t++)
            for (var r = 0; r < rows; r++)
            {
                double s = bias.IsEmpty ? 0 : bias[r];
                for (var c = 0; c < cols; c++) s += (double)x[t * cols + c] * w[r * cols + c];
                y[t * rows + r] = (float)s;
            }
    }
}
