using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lens.Engine.IO;

namespace Lens.Engine.Tensors;

/// <summary>
/// Y[N, out] = X[N, in] · Wᵀ (+ bias), W a <see cref="WeightMatrix"/> in F32, BF16 or F16, split over output rows
/// across the team. Past <see cref="DecodeTokens"/> tokens (prefill) the outer-product <see cref="PackedGemm"/> runs;
/// from 2 tokens (a decode step of several streams) <see cref="DecodeGemm"/>; one token streams rows through dot
/// products (BF16 widened in registers). <see cref="Reference"/> is the scalar oracle for tests.
/// </summary>
public static unsafe class MatMul
{
    private const int RowBlock = 4;
    /// <summary>
    /// Up to this many tokens the decode GEMM beats the packed one, whose 32-token tiles waste work on a few rows
    /// (measured on stories110M shapes: even at 16 tokens for F32, 22 for BF16).
    /// </summary>
    public const int DecodeTokens = 16;
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
        if (n > DecodeTokens && Vector512.IsHardwareAccelerated)
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
        if (n > 1 && Avx512F.IsSupported)
        {
            // A decode step of several streams: every weight row is read once for all of them.
            fixed (float* scratch = Scratch((n + 2) * cols + 16))
            {
                // Packed x aligned to a cache line: its loads are the kernel's most frequent, and a split line costs two.
                var packed = (float*)(((nint)(scratch + 2 * cols) + 63) & ~(nint)63);
                DecodeGemm.Pack(x, n, cols, w.DType, packed);
                DecodeGemm.MultiplyRows(x, packed, n, w, y, start, end, scratch);
            }
            AddBias(bias, n, w.Rows, y, start, end);
            return;
        }
        fixed (float* rowsF32 = Scratch(RowBlock * cols))
        {
            if (w.DType == TensorDType.BF16 && n == 1 && Avx512F.IsSupported)
            {
                // Decoding BF16: x is put in the weights' pair order once, then every row is one stream of 64-byte loads.
                PairUp(x, cols, rowsF32);
                for (var r = start; r < end; r++) y[r] = DotBf16Pairs(rowsF32, x, (ushort*)w.Row(r), cols);
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

    private static float[] Scratch(int length) => _scratch is { } s && s.Length >= length ? s : _scratch = new float[length];

    private static void AddBias(float* bias, int n, int rows, float* y, int start, int end)
    {
        if (bias == null) return;
        for (var t = 0; t < n; t++)
        {
            var yt = new Span<float>(y + (long)t * rows + start, end - start);
            TensorPrimitives.Add(yt, new ReadOnlySpan<float>(bias + start, end - start), yt);
        }
    }

    /// <summary>rows (≤ 4) float32 weight rows against all n tokens (one, or any without AVX-512); y points at column r of row 0, stride ldy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyBlock(float* x, int n, float* w, int rows, int cols, float* y, int ldy)
    {
        var t = 0;
        if (rows == RowBlock && Vector512.IsHardwareAccelerated)
        {
            for (; t < n; t++) Tile4x1(x + (long)t * cols, w, cols, y + (long)t * ldy);
            return;
        }
        for (; t < n; t++)
            for (var i = 0; i < rows; i++)
                y[(long)t * ldy + i] = TensorPrimitives.Dot(new ReadOnlySpan<float>(x + (long)t * cols, cols), new ReadOnlySpan<float>(w + (long)i * cols, cols));
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
