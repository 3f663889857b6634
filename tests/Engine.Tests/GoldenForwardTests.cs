using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Engine.Tests;

/// <summary>Every golden file's forward-pass fields and greedy ids, within the file's atol.</summary>
public sealed class GoldenForwardTests
{
    public static IEnumerable<object[]> Goldens => Golden.All();

    [Theory, MemberData(nameof(Goldens))]
    public void ForwardPassMatchesGolden(string id)
    {
        var golden = Golden.Open(id);
        using var model = Transformer.Load(golden.ModelDir, threads: 2);
        var c = model.Config;
        var ids = golden.InputIds;
        var t = ids.Length;
        var cache = new ActivationCache(HookPoints.ResidPre | HookPoints.ResidPost | HookPoints.Query | HookPoints.Pattern);
        var logits = model.Forward(ids, cache);

        Compare.Close($"{id} logits_final", Golden.Flatten(golden["logits_final"]), logits, golden.Atol);
        Compare.Close($"{id} embed_out", Golden.Flatten(golden["embed_out"]), cache[HookNames.ResidPre0], golden.Atol);
        var resid = Enumerable.Range(0, c.Layers).SelectMany(l => cache[HookNames.ResidPost(l)]).ToArray();
        Compare.Close($"{id} resid_post", Golden.Flatten(golden["resid_post"]), resid, golden.Atol);
        Compare.Close($"{id} attention_probs_layer0", Golden.Flatten(golden["attention_probs_layer0"]), cache[HookNames.Pattern(0)], golden.Atol);
        Compare.Close($"{id} q_norm_pre_rope", Golden.Flatten(golden["q_norm_pre_rope"]), QueryNorms(cache, c, t), golden.Atol);
    }

    [Theory, MemberData(nameof(Goldens))]
    public void KvCachedGreedyDecodingMatchesGolden(string id)
    {
        var golden = Golden.Open(id);
        using var model = Transformer.Load(golden.ModelDir, threads: 2);
        var result = model.Generate(golden.InputIds, new GenerationOptions { MaxNewTokens = golden.GreedyNewTokens });
        Assert.Equal(golden.GreedyIds, result.Ids);
    }

    /// <summary>[L][H][T] L2 norms of the pre-rotary queries, captured as [T, H, hd] per layer.</summary>
    private static float[] QueryNorms(ActivationCache cache, ModelConfig c, int t)
    {
        var result = new float[c.Layers * c.Heads * t];
        for (var l = 0; l < c.Layers; l++)
        {
            var q = cache[HookNames.Query(l)];
            for (var h = 0; h < c.Heads; h++)
                for (var p = 0; p < t; p++)
                {
                    double s = 0;
                    for (var k = 0; k < c.HeadDim; k++) { double v = q[(p * c.Heads + h) * c.HeadDim + k]; s += v * v; }
                    result[(l * c.Heads + h) * t + p] = (float)Math.Sqrt(s);
                }
        }
        return result;
    }
}
