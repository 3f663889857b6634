using Lens.Engine.Tensors;

namespace Lens.Engine.Tests;

/// <summary>The attention row against a scalar softmax in double, on every kind of tail, with and without soft-capping.</summary>
public sealed unsafe class AttentionKernelTests
{
    [Theory]
    [InlineData(8, 1, 0, 0f)]
    [InlineData(64, 37, 0, 0f)]
    [InlineData(64, 16, 5, 50f)]
    [InlineData(96, 33, 2, 0f)]
    [InlineData(20, 19, 0, 30f)]
    [InlineData(3, 40, 7, 0f)]
    public void RowMatchesAScalarSoftmax(int hd, int count, int first, float softcap)
    {
        var random = new Random(hd * 100 + count);
        var heads = 2;
        var stride = heads * hd;
        var keyCount = first + count;
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var q = Fill(hd);
        var keys = Fill(keyCount * stride);
        var values = Fill(keyCount * stride);
        var scale = 1f / MathF.Sqrt(hd);
        var head = 1; // the second head of the cache row, so strides and offsets matter

        var expectedP = new double[count];
        for (var j = 0; j < count; j++)
        {
            double s = 0;
            for (var c = 0; c < hd; c++) s += (double)q[c] * keys[(first + j) * stride + head * hd + c];
            s *= scale;
            expectedP[j] = softcap != 0 ? softcap * Math.Tanh(s / softcap) : s;
        }
        var max = expectedP.Max();
        var sum = expectedP.Sum(s => Math.Exp(s - max));
        for (var j = 0; j < count; j++) expectedP[j] = Math.Exp(expectedP[j] - max) / sum;
        var expectedOut = new double[hd];
        for (var c = 0; c < hd; c++)
            for (var j = 0; j < count; j++) expectedOut[c] += expectedP[j] * values[(first + j) * stride + head * hd + c];

        var rowP = new float[count];
        var rowOut = new float[hd];
        fixed (float* qp = q, kp = keys, vp = values, rp = rowP, ro = rowOut)
            AttentionKernel.Row(qp, kp + head * hd, vp + head * hd, stride, first, count, hd, scale, softcap, rp, ro);
        for (var j = 0; j < count; j++)
            Assert.True(Math.Abs(rowP[j] - expectedP[j]) < 1e-5, $"p[{j}] {rowP[j]} vs {expectedP[j]}");
        for (var c = 0; c < hd; c++)
            Assert.True(Math.Abs(rowOut[c] - expectedOut[c]) < 1e-5, $"out[{c}] {rowOut[c]} vs {expectedOut[c]}");
    }
}
