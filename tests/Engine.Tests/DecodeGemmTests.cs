using System.Runtime.InteropServices;
using Lens.Engine.IO;
using Lens.Engine.Tensors;

namespace Lens.Engine.Tests;

/// <summary>
/// The decode-step GEMM (2..16 tokens, one per concurrent stream) against the scalar oracle: every register-tile width,
/// token counts past one tile, odd row counts and odd row offsets (two matrices in one job), column tails, column
/// blocks for wide rows, all dtypes.
/// </summary>
public sealed unsafe class DecodeGemmTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var dtype in new[] { TensorDType.F32, TensorDType.BF16, TensorDType.F16 })
            foreach (var n in new[] { 2, 3, 4, 5, 6, 7, 8, 9, 13, MatMul.DecodeTokens })
                foreach (var cols in new[] { 64, 172, 15, 1100 }) // 1100: wide enough for column blocks from 6 tokens on, with a tail
                    yield return [dtype, n, cols];
    }

    [Theory, MemberData(nameof(Cases))]
    public void EveryTokenOfTheStepMatchesTheScalarReference(TensorDType dtype, int n, int cols)
    {
        (int Rows, bool Bias)[] specs = [(37, true), (22, false)];
        var random = new Random(n * 100 + cols);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var x = Values(n * cols);
        var weights = specs.Select(s => Stored(Values(s.Rows * cols), dtype)).ToArray();
        var biases = specs.Select(s => s.Bias ? Values(s.Rows) : []).ToArray();
        var outputs = specs.Select(s => new float[n * s.Rows]).ToArray();

        using var team = new ThreadTeam(2);
        var pins = weights.Select(w => GCHandle.Alloc(w.Bytes, GCHandleType.Pinned))
            .Concat(biases.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)))
            .Concat(outputs.Select(o => GCHandle.Alloc(o, GCHandleType.Pinned))).ToList();
        try
        {
            var projections = specs.Select((s, i) => new Projection(
                new WeightMatrix((byte*)pins[i].AddrOfPinnedObject(), dtype, s.Rows, cols),
                s.Bias ? (float*)pins[2 + i].AddrOfPinnedObject() : null,
                (float*)pins[4 + i].AddrOfPinnedObject())).ToArray();
            fixed (float* xp = x) MatMul.MultiplyMany(team, xp, n, projections);
        }
        finally { foreach (var p in pins) p.Free(); }

        for (var i = 0; i < specs.Length; i++)
        {
            var expected = new float[n * specs[i].Rows];
            MatMul.Reference(x, n, weights[i].Values, specs[i].Rows, cols, biases[i], expected);
            for (var j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - outputs[i][j]) <= 1e-4 * Math.Max(1, Math.Abs(expected[j])),
                    $"{dtype} n={n} cols={cols} matrix {i}: token {j / specs[i].Rows} row {j % specs[i].Rows}: expected {expected[j]}, got {outputs[i][j]}");
        }
    }

    /// <summary>The weights stored as <paramref name="dtype"/>, and the float values those bytes hold.</summary>
    private static (byte[] Bytes, float[] Values) Stored(float[] w, TensorDType dtype)
    {
        switch (dtype)
        {
            case TensorDType.BF16:
                var b = w.Select(Numerics.ToBFloat16).ToArray();
                return (MemoryMarshal.AsBytes(b.AsSpan()).ToArray(), b.Select(v => BitConverter.Int32BitsToSingle(v << 16)).ToArray());
            case TensorDType.F16:
                var h = w.Select(v => (Half)v).ToArray();
                return (MemoryMarshal.AsBytes(h.AsSpan()).ToArray(), h.Select(v => (float)v).ToArray());
            default:
                return (MemoryMarshal.AsBytes(w.AsSpan()).ToArray(), w);
        }
    }
}
