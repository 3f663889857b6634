using Lens.Tests;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

/// <summary>The logit lens and attention metrics of every golden file, within the file's atol (discrete values exactly).</summary>
public sealed class GoldenAnalysesTests
{
    public static IEnumerable<object[]> Goldens => Golden.All();

    [Fact]
    public void EveryFamilyHasAGolden() => Assert.True(Goldens.Count() >= 11, $"expected ten families plus stories260K, found {Goldens.Count()} golden files");

    [Theory, MemberData(nameof(Goldens))]
    public void LogitLensMatchesGolden(string id)
    {
        var golden = Golden.Open(id);
        using var model = Transformer.Load(golden.ModelDir, threads: 2);
        var lens = golden["logit_lens"];
        var k = lens.GetProperty("top_k").GetInt32();
        var result = LogitLens.Run(model, golden.InputIds, new LogitLensOptions(k));

        var expectedIds = Golden.Ints(lens.GetProperty("top_indices"));
        var expectedProbs = Golden.Flatten(lens.GetProperty("top_probs"));
        Assert.Equal(expectedIds.Length, result.TopIds.Length);
        for (var i = 0; i < expectedIds.Length; i++)
        {
            Assert.True(Math.Abs(expectedProbs[i] - result.TopProbs[i]) <= golden.Atol, $"{id} top_probs[{i}]: golden {expectedProbs[i]}, got {result.TopProbs[i]}");
            // README: neighbours whose probabilities differ by less than atol may legitimately swap.
            if (expectedIds[i] != result.TopIds[i])
            {
                var j = i % k < k - 1 && result.TopIds[i + 1] == expectedIds[i] ? i + 1 : i - 1;
                Assert.True(j >= 0 && result.TopIds[j] == expectedIds[i] && Math.Abs(expectedProbs[i] - expectedProbs[j]) < golden.Atol,
                    $"{id} top_indices[{i}]: golden {expectedIds[i]}, got {result.TopIds[i]}");
            }
        }
    }

    [Theory, MemberData(nameof(Goldens))]
    public void AttentionMetricsMatchGolden(string id)
    {
        var golden = Golden.Open(id);
        using var model = Transformer.Load(golden.ModelDir, threads: 2);
        var m = AttentionMetricsHooks.Measure(model, golden.InputIds);

        Close($"{id} attn_entropy", Golden.Flatten(golden["attn_entropy"]), m.Entropy, golden.Atol);
        Close($"{id} attn_max", Golden.Flatten(golden["attn_max"]), m.Max, golden.Atol);
        Close($"{id} q_norm_pre_rope", Golden.Flatten(golden["q_norm_pre_rope"]), m.QueryNorm, golden.Atol);
        Assert.Equal(Golden.Ints(golden["k_eff90"]), m.KEff);
    }

    private static void Close(string what, double[] expected, float[] actual, double atol)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        var at = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            var d = Math.Abs(expected[i] - actual[i]);
            if (d > worst) { worst = d; at = i; }
        }
        Assert.True(worst <= atol, $"{what}: max|diff| {worst:E2} at {at} exceeds atol {atol}");
    }
}
