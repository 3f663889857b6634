using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Engine.Tests;

/// <summary>Batching, KV-cached continuation, writable hooks and unembedding agree with the plain forward pass.</summary>
public sealed class ForwardPassBehaviourTests
{
    private static Transformer Family(string name) => Transformer.Load(Path.Combine(TestPaths.Fixtures, name), threads: 2);

    [Theory]
    [InlineData("mistral")]
    [InlineData("gpt2")]
    [InlineData("gemma2")]
    public void BatchOfDifferentLengthsEqualsSeparatePasses(string family)
    {
        using var model = Family(family);
        int[][] sequences = [[3, 9, 1], [5, 6, 7, 8, 9, 10, 11], [2]];
        var batched = model.ForwardBatch(sequences);
        for (var s = 0; s < sequences.Length; s++)
            Compare.Close($"{family} sequence {s}", model.Forward(sequences[s]).Select(v => (double)v).ToArray(), batched[s], 1e-5);
    }

    [Fact]
    public void HooksSeeEachSequenceOfABatchWithItsOwnContext()
    {
        using var model = Family("qwen2");
        var seen = new List<HookContext>();
        model.ForwardBatch([[1, 2, 3], [4, 5]], new ContextRecorder(seen));
        Assert.Equal([new HookContext(0, 3, 0), new HookContext(1, 2, 0)], seen);
    }

    [Theory]
    [InlineData("mistral")]
    [InlineData("gptj")]
    [InlineData("phi3")]
    public void KvCachedContinuationEqualsFullRecompute(string family)
    {
        using var model = Family(family);
        int[] ids = [4, 8, 15, 16, 23, 42, 7, 1, 9];
        var full = model.Forward(ids);
        var session = model.StartSession();
        var prefill = session.Append(ids[..5], scope: LogitsScope.All);
        var v = model.Config.Vocab;
        Compare.Close($"{family} prefill", full[..(5 * v)].Select(x => (double)x).ToArray(), prefill, 1e-5);
        for (var t = 5; t < ids.Length; t++)
        {
            var step = session.Append([ids[t]]);
            Compare.Close($"{family} step {t}", full[(t * v)..((t + 1) * v)].Select(x => (double)x).ToArray(), step, 1e-5);
        }
    }

    [Fact]
    public void UnembeddingTheLastResidualGivesTheFinalLogits()
    {
        using var model = Family("gemma2"); // final soft-cap is part of unembedding
        int[] ids = [1, 2, 3, 4];
        var cache = new ActivationCache(HookPoints.ResidPost);
        var logits = model.Forward(ids, cache);
        var again = new float[logits.Length];
        model.Unembed(cache[HookNames.ResidPost(model.Config.Layers - 1)], again);
        Compare.Close("unembed(resid_post[L-1])", logits.Select(x => (double)x).ToArray(), again, 1e-5);
    }

    [Fact]
    public void WritableResidualHookChangesTheForwardPass()
    {
        using var model = Family("llama3-rope-scaling");
        int[] ids = [1, 2, 3];
        var d = model.Config.Hidden;
        var last = model.Config.Layers - 1;
        var capture = new ActivationCache(HookPoints.ResidPost);
        model.Forward(ids, capture);
        var expectedResidual = capture[HookNames.ResidPost(last)];
        for (var i = 0; i < expectedResidual.Length; i++) expectedResidual[i] += i % d == 0 ? 3f : 0f;
        var expected = new float[ids.Length * model.Config.Vocab];
        model.Unembed(expectedResidual, expected);

        var steered = model.Forward(ids, new AddToFirstDimension(last, 3f));
        Compare.Close("steered logits", expected.Select(x => (double)x).ToArray(), steered, 1e-5);
    }

    [Fact]
    public void SamplingIsReproducibleAndDegeneratesToGreedy()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        int[] prompt = [1, 403, 407];
        var greedy = model.Generate(prompt, new GenerationOptions { MaxNewTokens = 12 }).Ids;
        var sampled = new GenerationOptions { MaxNewTokens = 12, Temperature = 1.5f, TopP = 0.95f, Seed = 42 };
        Assert.Equal(model.Generate(prompt, sampled).Ids, model.Generate(prompt, sampled).Ids);
        Assert.NotEqual(model.Generate(prompt, sampled).Ids, model.Generate(prompt, sampled with { Seed = 43 }).Ids);
        Assert.Equal(greedy, model.Generate(prompt, sampled with { TopK = 1 }).Ids);
        Assert.Equal(greedy, model.Generate(prompt, sampled with { TopP = 1e-6f }).Ids);
    }

    [Fact]
    public void StopTokensAndCallbacksEndGeneration()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        int[] prompt = [1, 403, 407];
        var greedy = model.Generate(prompt, new GenerationOptions { MaxNewTokens = 12 }).Ids;
        var stopped = model.Generate(prompt, new GenerationOptions { MaxNewTokens = 12, StopTokens = [greedy[3]] });
        Assert.Equal(greedy[..4], stopped.Ids);
        Assert.Equal("stop_token", stopped.StopReason);
        var streamed = new List<int>();
        var byCallback = model.Generate(prompt, new GenerationOptions { MaxNewTokens = 12 }, id => { streamed.Add(id); return streamed.Count < 5; });
        Assert.Equal(greedy[..5], byCallback.Ids);
        Assert.Equal(byCallback.Ids, streamed);
        Assert.Equal("callback", byCallback.StopReason);
    }

    private sealed class ContextRecorder(List<HookContext> seen) : IForwardHooks
    {
        public HookPoints Points => HookPoints.ResidPre;
        public void OnResidPre(in HookContext context, Span<float> residual) => seen.Add(context);
    }

    private sealed class AddToFirstDimension(int layer, float value) : IForwardHooks
    {
        public HookPoints Points => HookPoints.ResidPost;
        public void OnResidPost(in HookContext context, int l, Span<float> residual)
        {
            if (l != layer) return;
            var d = residual.Length / context.Tokens;
            for (var t = 0; t < context.Tokens; t++) residual[t * d] += value;
        }
    }
}
