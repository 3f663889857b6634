using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class DirectionsTests
{
    [Fact]
    public void DifferenceOfMeansIsTheUnitVectorFromBToA()
    {
        var d = Directions.DifferenceOfMeans([4.0, 1.0, 2.0], [1.0, 1.0, -2.0]);
        Assert.Equal(0.6f, d[0], 6);
        Assert.Equal(0f, d[1]);
        Assert.Equal(0.8f, d[2], 6);
        Assert.Throws<InvalidOperationException>(() => Directions.DifferenceOfMeans([1.0], [1.0]));
    }

    [Fact]
    public void ContrastivePcaOrdersByAlgebraicEigenvalueOfTheDifference()
    {
        // Cov(A) − Cov(B) = diag(5, −7, 2): −7 is largest in size but is variance A lacks, so it comes last.
        double[] a = [6, 0, 0, 0, 1, 0, 0, 0, 3];
        double[] b = [1, 0, 0, 0, 8, 0, 0, 0, 1];
        var pcs = Directions.ContrastivePca(a, b, 3, 3);
        Assert.Equal([5.0, 2.0, -7.0], pcs.Select(p => Math.Round(p.Eigenvalue, 6)));
        Assert.Equal(1f, Math.Abs(pcs[0].Direction[0]), 5);
        Assert.Equal(1f, Math.Abs(pcs[1].Direction[2]), 5);
        Assert.True(Math.Abs(Math.Abs(pcs[2].Direction[1]) - 1) < 1e-5, string.Join(" | ", pcs.Select(p => string.Join(",", p.Direction) + " " + p.Eigenvalue)));
    }

    [Fact]
    public void ContrastivePcaFindsAPlantedDirectionInSampledData()
    {
        var rng = new Random(9);
        const int d = 8;
        var u = Enumerable.Range(0, d).Select(i => (float)(i % 3 - 1)).ToArray();
        var norm = Math.Sqrt(u.Sum(x => x * x));
        u = u.Select(x => (float)(x / norm)).ToArray();
        RunningMoments Sample(double extra)
        {
            var m = new RunningMoments(d);
            for (var n = 0; n < 4000; n++)
            {
                var z = rng.NextDouble() * 2 - 1;
                m.Add(Enumerable.Range(0, d).Select(i => (float)(rng.NextDouble() - 0.5 + extra * z * u[i])).ToArray());
            }
            return m;
        }
        var pc = Directions.ContrastivePca(Sample(3).Covariance(), Sample(0).Covariance(), d, 1)[0];
        var alignment = Math.Abs(pc.Direction.Zip(u, (x, y) => (double)x * y).Sum());
        Assert.True(alignment > 0.99, $"|cos| with the planted direction is {alignment}");
    }

    [Fact]
    public void AblationLeavesTheResidualOrthogonalAtTheAblatedLayersOnly()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        int[] ids = [1, 403, 407, 261, 378, 429, 267];
        var before = model.Forward(ids);
        var rng = new Random(11);
        var direction = Enumerable.Range(0, model.Config.Hidden).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var ablation = new DirectionalAblation(direction, layers: [1, 3], embedding: false);
        var unit = direction.Select(x => x / (float)Math.Sqrt(direction.Sum(v => (double)v * v))).ToArray();
        var cache = new ActivationCache(HookPoints.ResidPost);
        var ablated = model.Forward(ids, new HookChain(ablation, cache));

        for (var layer = 0; layer < model.Config.Layers; layer++)
        {
            var worst = cache[HookNames.ResidPost(layer)].Chunk(model.Config.Hidden)
                .Max(r => Math.Abs(r.Zip(unit, (x, y) => (double)x * y).Sum()) / Math.Sqrt(r.Sum(x => (double)x * x)));
            if (layer is 1 or 3) Assert.True(worst < 1e-6, $"layer {layer}: |cos(r, d)| = {worst}");
            else Assert.True(worst > 1e-3, $"layer {layer} was not ablated, yet |cos(r, d)| = {worst}");
        }
        Assert.NotEqual(before, ablated);
        Assert.Equal(before, model.Forward(ids)); // the weights are untouched
    }
}
