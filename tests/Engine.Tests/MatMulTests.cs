using Lens.Tests;
using System.Runtime.InteropServices;
using Lens.Engine.IO;
using Lens.Engine.Tensors;

namespace Lens.Engine.Tests;

/// <summary>The SIMD, multi-threaded kernels against the scalar double-precision oracle, on shapes with every kind of tail.</summary>
public sealed unsafe class MatMulTests
{
    public static IEnumerable<object[]> Shapes()
    {
        foreach (var dtype in new[] { TensorDType.F32, TensorDType.BF16, TensorDType.F16 })
            foreach (var (n, rows, cols) in new[] { (1, 1, 1), (1, 37, 172), (2, 5, 17), (3, 64, 64), (4, 33, 80), (5, 19, 15), (9, 70, 129), (130, 40, 96), (16, 64, 300), (8, 32, 513), (11, 96, 20) })
                yield return [dtype, n, rows, cols];
    }

    [Theory, MemberData(nameof(Shapes))]
    public void MultiplyMatchesScalarReference(TensorDType dtype, int n, int rows, int cols)
    {
        var random = new Random(rows * 1000 + cols);
        var x = Enumerable.Range(0, n * cols).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var w = Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var bias = Enumerable.Range(0, rows).Select(_ => (float)random.NextDouble()).ToArray();
        var stored = Store(w, dtype, out var rounded);
        var expected = new float[n * rows];
        MatMul.Reference(x, n, rounded, rows, cols, bias, expected);

        var actual = new float[n * rows];
        using var team = new ThreadTeam(2);
        fixed (float* xp = x, yp = actual, bp = bias)
        fixed (byte* wp = stored)
            MatMul.Multiply(team, xp, n, new WeightMatrix(wp, dtype, rows, cols), bp, yp);

        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                $"{dtype} n={n} rows={rows} cols={cols}: element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(TensorDType.F32, 1)]
    [InlineData(TensorDType.BF16, 1)]
    [InlineData(TensorDType.BF16, 3)]
    [InlineData(TensorDType.F32, 9)]
    [InlineData(TensorDType.F16, 20)]
    public void SeveralMatricesInOneJobMatchTheReferenceEach(TensorDType dtype, int n)
    {
        // Row counts that do not line up with the team's 16-row split nor the prefill's 96-row blocks, one without bias.
        (int Rows, bool Bias)[] specs = [(37, true), (100, false), (13, true)];
        const int cols = 72;
        var random = new Random(n);
        var x = Enumerable.Range(0, n * cols).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var stored = new byte[specs.Length][];
        var rounded = new float[specs.Length][];
        var biases = new float[specs.Length][];
        var outputs = new float[specs.Length][];
        for (var i = 0; i < specs.Length; i++)
        {
            var w = Enumerable.Range(0, specs[i].Rows * cols).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            stored[i] = Store(w, dtype, out rounded[i]);
            biases[i] = specs[i].Bias ? Enumerable.Range(0, specs[i].Rows).Select(_ => (float)random.NextDouble()).ToArray() : [];
            outputs[i] = new float[n * specs[i].Rows];
        }

        using var team = new ThreadTeam(2);
        var handles = stored.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned))
            .Concat(biases.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)))
            .Concat(outputs.Select(o => GCHandle.Alloc(o, GCHandleType.Pinned))).ToList();
        try
        {
            var projections = specs.Select((spec, i) => new Projection(
                new WeightMatrix((byte*)handles[i].AddrOfPinnedObject(), dtype, spec.Rows, cols),
                spec.Bias ? (float*)handles[specs.Length + i].AddrOfPinnedObject() : null,
                (float*)handles[2 * specs.Length + i].AddrOfPinnedObject())).ToArray();
            fixed (float* xp = x) MatMul.MultiplyMany(team, xp, n, projections);
        }
        finally { foreach (var h in handles) h.Free(); }

        for (var i = 0; i < specs.Length; i++)
        {
            var expected = new float[n * specs[i].Rows];
            MatMul.Reference(x, n, rounded[i], specs[i].Rows, cols, biases[i], expected);
            for (var j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - outputs[i][j]) <= 1e-4 * Math.Max(1, Math.Abs(expected[j])),
                    $"{dtype} n={n} matrix {i}: element {j}: expected {expected[j]}, got {outputs[i][j]}");
        }
    }

    /// <summary>The weights as bytes of <paramref name="dtype"/>, and the float values those bytes hold.</summary>
    private static byte[] Store(float[] w, TensorDType dtype, out float[] rounded)
    {
        switch (dtype)
        {
            case TensorDType.BF16:
                var b = w.Select(Numerics.ToBFloat16).ToArray();
                rounded = b.Select(v => BitConverter.Int32BitsToSingle(v << 16)).ToArray();
                return MemoryMarshal.AsBytes(b.AsSpan()).ToArray();
            case TensorDType.F16:
                var h = w.Select(v => (Half)v).ToArray();
                rounded = h.Select(v => (float)v).ToArray();
                return MemoryMarshal.AsBytes(h.AsSpan()).ToArray();
            default:
                rounded = w;
                return MemoryMarshal.AsBytes(w.AsSpan()).ToArray();
        }
    }
}
