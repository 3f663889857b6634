using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Lens.Engine.IO;

namespace Lens.Engine.Tensors;

/// <summary>
/// Prefill GEMM, Y[N, R] = X[N, K]·Wᵀ, as outer products: X is transposed once per call into Xᵀ[K, N'] (N' = N
/// rounded up to 32, zero-padded), then 12 weight rows × 32 tokens accumulate in 24 AVX-512 registers — per k, two
/// Xᵀ loads and twelve broadcasts straight from the weight rows feed twenty-four FMAs. F32 weights are read in place;
/// BF16/F16 rows are widened once per 12-row block and reused for every token.
/// </summary>
public static unsafe class PackedGemm
{
    public const int RowTile = 12;
    private const int TokenTile = 32;
    [ThreadStatic] private static float[]? _rows;

    /// <summary>Xᵀ [K, N'] for <see cref="MultiplyRows"/>, rows split across the team; N' is returned.</summary>
    public static float[] Transpose(ThreadTeam team, float* x, int n, int k, out int paddedN)
    {
        var padded = paddedN = (n + TokenTile - 1) / TokenTile * TokenTile;
        var xt = new float[(long)k * padded];
        nint xp = (nint)x;
        team.For(k, 16, (c0, c1) =>
        {
            fixed (float* target = xt)
                for (var t = 0; t < n; t++)
                {
                    var row = (float*)xp + (long)t * k;
                    for (var c = c0; c < c1; c++) target[(long)c * padded + t] = row[c];
                }
        });
        return xt;
    }

    /// <summary>Rows [start, end) of Y (start a multiple of <see cref="RowTile"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRows(float* xt, int n, int paddedN, in WeightMatrix w, float* y, int start, int end)
    {
        int k = w.Cols, rows = w.Rows;
        var scratch = _rows is { } s && s.Length >= RowTile * k ? s : _rows = new float[RowTile * k];
        var tile = stackalloc float[RowTile * TokenTile];
        fixed (float* converted = scratch)
            for (var r0 = start; r0 < end; r0 += RowTile)
            {
                var height = Math.Min(RowTile, end - r0);
                float* wr;
                if (w.DType == TensorDType.F32 && height == RowTile) wr = (float*)w.Row(r0);
                else
                {
                    // Widen (or zero-pad a short last block) once; every token tile reuses it.
                    var block = new Span<float>(converted, RowTile * k);
                    if (height < RowTile) block.Clear();
                    Numerics.ConvertToFloat(w.Row(r0), w.DType, block[..(height * k)]);
                    wr = converted;
                }
                for (var t0 = 0; t0 < n; t0 += TokenTile)
                {
                    Tile(xt + t0, paddedN, wr, k, tile);
                    var tokens = Math.Min(TokenTile, n - t0);
                    for (var t = 0; t < tokens; t++)
                    {
                        var yt = y + (long)(t0 + t) * rows + r0;
                        for (var i = 0; i < height; i++) yt[i] = tile[i * TokenTile + t];
                    }
                }
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(float* xt, int ldx, float* w, int k, float* tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        Vector512<float> c80 = default, c81 = default, c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        float* w0 = w, w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k, w4 = w + 4 * k, w5 = w + 5 * k, w6 = w + 6 * k, w7 = w + 7 * k;
        float* w8 = w + 8 * k, w9 = w + 9 * k, wa = w + 10 * k, wb = w + 11 * k;
        for (var c = 0; c < k; c++)
        {
            var x = xt + (long)c * ldx;
            var b0 = Vector512.Load(x);
            var b1 = Vector512.Load(x + 16);
            var a = Vector512.Create(w0[c]); c00 = Vector512.FusedMultiplyAdd(a, b0, c00); c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(w1[c]); c10 = Vector512.FusedMultiplyAdd(a, b0, c10); c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(w2[c]); c20 = Vector512.FusedMultiplyAdd(a, b0, c20); c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(w3[c]); c30 = Vector512.FusedMultiplyAdd(a, b0, c30); c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(w4[c]); c40 = Vector512.FusedMultiplyAdd(a, b0, c40); c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(w5[c]); c50 = Vector512.FusedMultiplyAdd(a, b0, c50); c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(w6[c]); c60 = Vector512.FusedMultiplyAdd(a, b0, c60); c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(w7[c]); c70 = Vector512.FusedMultiplyAdd(a, b0, c70); c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
            a = Vector512.Create(w8[c]); c80 = Vector512.FusedMultiplyAdd(a, b0, c80); c81 = Vector512.FusedMultiplyAdd(a, b1, c81);
            a = Vector512.Create(w9[c]); c90 = Vector512.FusedMultiplyAdd(a, b0, c90); c91 = Vector512.FusedMultiplyAdd(a, b1, c91);
            a = Vector512.Create(wa[c]); ca0 = Vector512.FusedMultiplyAdd(a, b0, ca0); ca1 = Vector512.FusedMultiplyAdd(a, b1, ca1);
            a = Vector512.Create(wb[c]); cb0 = Vector512.FusedMultiplyAdd(a, b0, cb0); cb1 = Vector512.FusedMultiplyAdd(a, b1, cb1);
        }
        // The caller's tile (allocated before the loop) keeps the accumulators in registers: a call or stackalloc
        // after the loop makes the JIT spill all of them on every iteration.
        c00.Store(tile); c01.Store(tile + 16); c10.Store(tile + 32); c11.Store(tile + 48);
        c20.Store(tile + 64); c21.Store(tile + 80); c30.Store(tile + 96); c31.Store(tile + 112);
        c40.Store(tile + 128); c41.Store(tile + 144); c50.Store(tile + 160); c51.Store(tile + 176);
        c60.Store(tile + 192); c61.Store(tile + 208); c70.Store(tile + 224); c71.Store(tile + 240);
        c80.Store(tile + 256); c81.Store(tile + 272); c90.Store(tile + 288); c91.Store(tile + 304);
        ca0.Store(tile + 320); ca1.Store(tile + 336); cb0.Store(tile + 352); cb1.Store(tile + 368);
    }
}
