using Lens.Engine.Inference;
using Lens.Engine.Sampling;
using Lens.Tests;

namespace Lens.Engine.Tests;

/// <summary>
/// The sampler draws from the distribution it is meant to: many seeded draws from a fixed logit vector are compared with
/// an independent reference (softmax(l/T), then top-k, top-p, min-p, renormalised) by Pearson's chi-square test. The
/// seed is fixed, so each test is deterministic; a test fails when p &lt; 0.001, i.e. when the frequencies are further
/// from the intended distribution than 1 run in 1,000 of a correct sampler would be.
/// </summary>
public sealed class SamplerTests
{
    private const int Draws = 100_000;
    private const double Alpha = 1e-3;

    // Includes a tie (ids 2 and 3) and a wide spread, so every cut has to choose.
    private static readonly float[] Logits = [2.0f, 1.5f, 1.2f, 1.2f, 0.3f, 0f, -0.5f, -1f, -2f, -3f, 0.8f, 1.9f];

    public static TheoryData<string, GenerationOptions> Modes => new()
    {
        { "temperature 1", new GenerationOptions { Temperature = 1f } },
        { "temperature 0.6", new GenerationOptions { Temperature = 0.6f } },
        { "temperature 2.5", new GenerationOptions { Temperature = 2.5f } },
        { "top-k 3", new GenerationOptions { Temperature = 1f, TopK = 3 } },
        { "top-k 5, temperature 1.5", new GenerationOptions { Temperature = 1.5f, TopK = 5 } },
        { "top-p 0.8", new GenerationOptions { Temperature = 1f, TopP = 0.8f } },
        { "top-p 0.5, temperature 0.8", new GenerationOptions { Temperature = 0.8f, TopP = 0.5f } },
        { "min-p 0.2", new GenerationOptions { Temperature = 1f, MinP = 0.2f } },
        { "top-k 8, top-p 0.9, min-p 0.05", new GenerationOptions { Temperature = 1.2f, TopK = 8, TopP = 0.9f, MinP = 0.05f } },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void SampledFrequenciesMatchTheIntendedDistribution(string mode, GenerationOptions options)
    {
        var expected = ReferenceDistribution(Logits, options);
        var counts = new long[Logits.Length];
        var sampler = new Sampler(options with { Seed = 20261206 });
        for (var i = 0; i < Draws; i++) counts[sampler.Next(Logits)]++;

        var kept = Enumerable.Range(0, Logits.Length).Where(id => expected[id] > 0).ToArray();
        foreach (var id in Enumerable.Range(0, Logits.Length).Except(kept))
            Assert.True(counts[id] == 0, $"{mode}: token {id} is cut from the distribution but was drawn {counts[id]} times");
        Assert.True(kept.Length > 1, $"{mode}: the reference keeps {kept.Length} token(s); pick settings that leave a choice");

        var (statistic, p) = ChiSquare.Test(kept.Select(id => counts[id]).ToArray(), kept.Select(id => expected[id] * Draws).ToArray());
        Assert.True(p >= Alpha,
            $"{mode}: chi-square {statistic:F1} over {kept.Length - 1} degrees of freedom, p = {p:E2} < {Alpha}; " +
            $"observed [{string.Join(", ", kept.Select(id => counts[id]))}], expected [{string.Join(", ", kept.Select(id => (expected[id] * Draws).ToString("F0")))}]");
    }

    [Fact]
    public void ChiSquareOracleReproducesTableCriticalValues()
    {
        // 5 % and 1 % points of the chi-square distribution from standard tables.
        Assert.Equal(0.05, ChiSquare.UpperRegularisedGamma(0.5, 3.841 / 2), 3);
        Assert.Equal(0.01, ChiSquare.UpperRegularisedGamma(1, 9.210 / 2), 4);
        Assert.Equal(0.05, ChiSquare.UpperRegularisedGamma(5, 18.307 / 2), 4);
        Assert.Equal(0.001, ChiSquare.UpperRegularisedGamma(15, 59.703 / 2), 5);
    }

    [Fact]
    public void GreedyPicksTheArgMaxWithTiesToTheLowestId()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var logits = Enumerable.Range(0, 500).Select(_ => (float)Math.Round(random.NextDouble() * 20 - 10, 1)).ToArray();
            var best = logits.Max();
            var expected = Array.IndexOf(logits, best);
            Assert.Equal(expected, new Sampler(new GenerationOptions { Temperature = 0 }).Next(logits));
        }
    }

    [Fact]
    public void TopKNeverReturnsATokenOutsideTheKBest()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var logits = Enumerable.Range(0, 2000).Select(_ => (float)(random.NextDouble() * 8)).ToArray();
            var k = 1 + trial % 9;
            var best = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ThenBy(i => i).Take(k).ToHashSet();
            // A high temperature flattens the distribution, so the tail outside the k best would be drawn often if allowed.
            var sampler = new Sampler(new GenerationOptions { Temperature = 5f, TopK = k, Seed = (ulong)trial });
            for (var draw = 0; draw < 400; draw++)
            {
                var id = sampler.Next(logits);
                Assert.True(best.Contains(id), $"top-k {k}: drew {id}, not among the {k} best");
            }
        }
    }

    [Fact]
    public void ASeedDeterminesTheDraws()
    {
        var options = new GenerationOptions { Temperature = 1.3f, TopP = 0.95f, Seed = 99 };
        int[] Draw(GenerationOptions o) { var s = new Sampler(o); return Enumerable.Range(0, 200).Select(_ => s.Next(Logits)).ToArray(); }
        Assert.Equal(Draw(options), Draw(options));
        Assert.NotEqual(Draw(options), Draw(options with { Seed = 100 }));
    }

    [Theory]
    [InlineData(-0.5f, 0, 1f, 0f, "temperature")]
    [InlineData(float.NaN, 0, 1f, 0f, "temperature")]
    [InlineData(1f, -3, 1f, 0f, "top-k")]
    [InlineData(1f, 0, 0f, 0f, "top-p")]
    [InlineData(1f, 0, 1.5f, 0f, "top-p")]
    [InlineData(1f, 0, 1f, 1.5f, "min-p")]
    public void BadSettingsAreRejectedNamingTheSetting(float temperature, int topK, float topP, float minP, string setting)
    {
        var e = Assert.Throws<ArgumentException>(() => new Sampler(new GenerationOptions { Temperature = temperature, TopK = topK, TopP = topP, MinP = minP }));
        Assert.StartsWith(setting, e.Message);
    }

    [Fact]
    public void DefaultSamplingOnStories260KDrawsLikelyTokens()
    {
        // The README's first example (temperature 1, no cuts) once drew the least likely token most of the time.
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        var session = model.StartSession();
        var logits = session.Append([1, 403, 407, 261, 378, 101, 259]);
        var sampler = new Sampler(new GenerationOptions { Temperature = 1f });
        double logProb = 0;
        const int steps = 64;
        for (var step = 0; step < steps; step++)
        {
            var id = sampler.Next(logits);
            Assert.NotEqual(Array.IndexOf(logits, logits.Min()), id);
            logProb += LogSoftmax(logits, id);
            logits = session.Append([id]);
        }
        // A correct sampler's expected log p is minus the entropy (a few nats here); the broken one averaged −16.
        Assert.True(logProb / steps > -4, $"mean log p of sampled tokens {logProb / steps:F2} is far below the model's entropy");
    }

    private static double LogSoftmax(float[] logits, int id)
    {
        var max = logits.Max();
        var sum = logits.Sum(l => Math.Exp(l - max));
        return logits[id] - max - Math.Log(sum);
    }

    /// <summary>The intended distribution, written plainly: sort by (−logit, id), cut, renormalise.</summary>
    private static double[] ReferenceDistribution(float[] logits, GenerationOptions o)
    {
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ThenBy(i => i).ToList();
        var probs = new double[logits.Length];
        foreach (var i in order) probs[i] = Math.Exp(logits[i] / o.Temperature);
        Normalise(probs);
        if (o.TopK > 0) foreach (var i in order.Skip(o.TopK)) probs[i] = 0;
        Normalise(probs);
        if (o.TopP < 1)
        {
            double mass = 0;
            var reached = false;
            foreach (var i in order)
            {
                if (reached) { probs[i] = 0; continue; }
                mass += probs[i];
                reached = mass >= o.TopP;
            }
            Normalise(probs);
        }
        if (o.MinP > 0)
        {
            var floor = o.MinP * probs[order[0]];
            foreach (var i in order) if (probs[i] < floor) probs[i] = 0;
            Normalise(probs);
        }
        return probs;
    }

    private static void Normalise(double[] probs)
    {
        var sum = probs.Sum();
        for (var i = 0; i < probs.Length; i++) probs[i] /= sum;
    }
}
