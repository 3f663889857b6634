using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class RunningMomentsTests
{
    private static float[][] Rows(int n, int d, double offset, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(j => (float)(offset + (j + 1) * (rng.NextDouble() - 0.5))).ToArray()).ToArray();
    }

    private static (double[] Mean, double[] Cov) TwoPass(float[][] rows)
    {
        int n = rows.Length, d = rows[0].Length;
        var mean = new double[d];
        foreach (var r in rows) for (var j = 0; j < d; j++) mean[j] += r[j];
        for (var j = 0; j < d; j++) mean[j] /= n;
        var cov = new double[d * d];
        foreach (var r in rows)
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) cov[i * d + j] += (r[i] - mean[i]) * (r[j] - mean[j]);
        return (mean, cov.Select(c => c / (n - 1)).ToArray());
    }

    private static void Near(double[] expected, ReadOnlySpan<double> actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"[{i}] expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e4)] // a large common offset is where the naive sum-of-squares formula loses everything
    public void WelfordMatchesTwoPassStatistics(double offset)
    {
        var rows = Rows(500, 6, offset, 3);
        var m = new RunningMoments(6);
        foreach (var r in rows) m.Add(r);
        var (mean, cov) = TwoPass(rows);
        Assert.Equal(500, m.Count);
        Near(mean, m.Mean, 1e-12);
        Near(cov, m.Covariance(), 1e-9);
        Near(Enumerable.Range(0, 6).Select(i => cov[i * 6 + i]).ToArray(), m.Variance(), 1e-9);
    }

    [Fact]
    public void MergingBatchesInAnyGroupingEqualsOneRun()
    {
        var rows = Rows(301, 5, 10, 4);
        var whole = new RunningMoments(5);
        foreach (var r in rows) whole.Add(r);
        var parts = new[] { rows[..1], rows[1..120], rows[120..121], rows[121..] }.Select(chunk =>
        {
            var p = new RunningMoments(5);
            foreach (var r in chunk) p.Add(r);
            return p;
        }).ToArray();
        var merged = new RunningMoments(5);
        merged.Merge(parts[2]); merged.Merge(parts[0]); merged.Merge(new RunningMoments(5)); merged.Merge(parts[3]); merged.Merge(parts[1]);
        Assert.Equal(whole.Count, merged.Count);
        Near(whole.Mean.ToArray(), merged.Mean, 1e-12);
        Near(whole.Covariance(), merged.Covariance(), 1e-10);
    }

    [Fact]
    public void VarianceOnlyMomentsRefuseACovariance()
    {
        var m = new RunningMoments(3, covariance: false);
        m.AddRows([1f, 2f, 3f, 3f, 2f, 1f]);
        Assert.Equal([2.0, 0.0, 2.0], m.Variance());
        Assert.Throws<InvalidOperationException>(() => m.Covariance());
        Assert.Throws<InvalidOperationException>(() => new RunningMoments(2).Variance());
    }

    [Fact]
    public async Task StreamedResidualMomentsEqualTwoPassOverEveryPrompt()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var rng = new Random(5);
        var prompts = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, rng.Next(2, 9)).Select(i => i == 0 ? 1 : rng.Next(3, 512)).ToArray()).ToList();
        int[] layers = [1, 4];
        // Two "workers" take alternate batches; their moments merge into the whole set's.
        var moments = new LayerMoments(layers, model.Config.Hidden);
        var other = new LayerMoments(layers, model.Config.Hidden);
        var batches = 0;
        await foreach (var batch in ResidualStream.ReadAsync(model, prompts, layers, batchSize: 3, ResidualPositions.All))
        {
            Assert.Equal(batches == 2 ? 1 : 3, batch.Prompts);
            (batches % 2 == 0 ? moments : other).Add(batch);
            batches++;
        }
        Assert.Equal(3, batches);
        moments.Merge(other);

        foreach (var layer in layers)
        {
            var rows = prompts.SelectMany(p =>
            {
                var cache = new ActivationCache(HookPoints.ResidPost);
                model.Forward(p, cache, LogitsScope.None);
                return cache[HookNames.ResidPost(layer)].Chunk(model.Config.Hidden);
            }).ToArray();
            var (mean, cov) = TwoPass(rows);
            Assert.Equal(rows.Length, moments[layer].Count);
            Near(mean, moments[layer].Mean, 1e-5);
            Near(cov, moments[layer].Covariance(), 1e-5);
        }
    }
}
