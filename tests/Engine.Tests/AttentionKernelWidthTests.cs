using Lens.Engine.Tensors;

namespace Lens.Engine.Tests;

/// <summary>The attention row's three widths (16-wide, 8-wide, plain loops) agree with a double-precision oracle over many keys.</summary>
public sealed unsafe class AttentionKernelWidthTests
{
    [Theory]
    [InlineData(8, 37)]   // 8-wide (stories260K heads)
    [InlineData(24, 45)]  // 8-wide, three slices
    [InlineData(32, 9)]   // 16-wide
    [InlineData(12, 50)]  // plain loops
    public void EveryWidthMatchesTheOracle(int hd, int count)
    {
        var random = new Random(hd * 31 + count);
        const int first = 3, heads = 3, head = 2;
        var stride = heads * hd;
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var q = Fill(hd);
        var keys = Fill((first + count) * stride);
        var values = Fill((first + count) * stride);
        var scale = 1f / MathF.Sqrt(hd);

        var logits = Enumerable.Range(0, count).Select(j => scale * Enumerable.Range(0, hd).Sum(c => (double)q[c] * keys[(first + j) * stride + head * hd + c])).ToArray();
        var max = logits.Max();
        var weights = logits.Select(s => Math.Exp(s - max)).ToArray();
        var total = weights.Sum();
        var expected = Enumerable.Range(0, hd).Select(c => Enumerable.Range(0, count).Sum(j => weights[j] / total * values[(first + j) * stride + head * hd + c])).ToArray();

        var probabilities = new float[count];
        var output = new float[hd];
        fixed (float* qp = q, kp = keys, vp = values, pp = probabilities, op = output)
            AttentionKernel.Row(qp, kp + head * hd, vp + head * hd, stride, first, count, hd, scale, 0f, pp, op);
        for (var j = 0; j < count; j++) Assert.True(Math.Abs(probabilities[j] - weights[j] / total) < 1e-6, $"hd {hd}: p[{j}] {probabilities[j]} vs {weights[j] / total}");
        for (var c = 0; c < hd; c++) Assert.True(Math.Abs(output[c] - expected[c]) < 1e-5, $"hd {hd}: out[{c}] {output[c]} vs {expected[c]}");
    }
}
