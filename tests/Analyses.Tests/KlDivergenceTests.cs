using Lens.Tests;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class KlDivergenceTests
{
    private static readonly List<int[]> Prompts = [[1, 403, 407], [1, 261, 378, 429, 267], [1, 297], [1, 373, 404, 425]];

    [Fact]
    public void MatchesAHandComputedValue()
    {
        // P = softmax(0, ln 2) = (1/3, 2/3), Q = softmax(0, 0) = (1/2, 1/2).
        var p = VocabularyDistribution.LogSoftmax([0f, MathF.Log(2)]);
        var q = VocabularyDistribution.LogSoftmax([0f, 0f]);
        var expected = 1.0 / 3 * Math.Log(2.0 / 3) + 2.0 / 3 * Math.Log(4.0 / 3);
        Assert.Equal(expected, KlDivergence.Compute(p, q), 7);
        Assert.True(KlDivergence.Compute(q, p) > 0);
    }

    [Fact]
    public void ModelAgainstItselfIsZero()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        using var baseline = FirstTokenDistributions.Compute(model, Prompts, batchSize: 3);
        var reports = new List<ValidationProgress>();
        var (mean, perPrompt) = KlEvaluation.Run(model, Prompts, baseline, batchSize: 3, onBatch: reports.Add);
        Assert.Equal(0.0, mean, 12);
        Assert.All(perPrompt, kl => Assert.Equal(0.0, kl, 12));
        Assert.Equal([(0, 3), (1, 4)], reports.Select(r => (r.Batch, r.Done)));
    }

    [Fact]
    public void AblatedModelAgainstTheReusedBaselineMatchesADirectComputation()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        using var baseline = FirstTokenDistributions.Compute(model, Prompts, batchSize: 2);
        var direction = Enumerable.Range(0, model.Config.Hidden).Select(i => (float)Math.Sin(i)).ToArray();
        var ablation = new DirectionalAblation(direction);
        var (mean, perPrompt) = KlEvaluation.Run(model, Prompts, baseline, batchSize: 2, hooks: ablation);
        Assert.True(mean > 0);

        for (var i = 0; i < Prompts.Count; i++)
        {
            var p = Softmax(model.Forward(Prompts[i], logits: LogitsScope.Last));
            var q = Softmax(model.Forward(Prompts[i], ablation, LogitsScope.Last));
            // Batched and single passes may round differently in the last float bits; 1e-4 relative allows for that.
            var kl = p.Zip(q, (a, b) => a > 0 ? a * Math.Log(a / b) : 0).Sum();
            Assert.True(Math.Abs(kl - perPrompt[i]) <= 1e-9 + 1e-4 * kl, $"prompt {i}: {perPrompt[i]} vs {kl}");
        }
        Assert.Equal(perPrompt.Average(), mean, 12);
    }

    [Fact]
    public void KeptBaselineIsReusedByALaterRun()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var path = Path.Combine(TestPaths.TempFolder("baseline"), "baseline.f64");
        var ablation = new DirectionalAblation(Enumerable.Range(0, model.Config.Hidden).Select(i => (float)Math.Cos(i)).ToArray());
        double first;
        using (var computed = FirstTokenDistributions.Compute(model, Prompts, batchSize: 4, path: path))
            first = KlEvaluation.Run(model, Prompts, computed, batchSize: 4, hooks: ablation).Mean;
        Assert.Equal((long)Prompts.Count * model.Config.Vocab * sizeof(double), new FileInfo(path).Length);
        using var reopened = FirstTokenDistributions.Open(path, model.Config.Vocab);
        Assert.Equal(Prompts.Count, reopened.Count);
        Assert.Equal(first, KlEvaluation.Run(model, Prompts, reopened, batchSize: 4, hooks: ablation).Mean, 15);
        Assert.Throws<InvalidDataException>(() => FirstTokenDistributions.Open(path, model.Config.Vocab + 1));
    }

    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(x => Math.Exp(x - (double)max)).ToArray();
        var s = e.Sum();
        return e.Select(x => x / s).ToArray();
    }
}
