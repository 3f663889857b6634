using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Tests;

namespace Lens.Engine.Tests;

/// <summary>
/// <see cref="Transformer.Step"/>: streams stepped together give each stream the logits it gets alone, join and leave
/// between steps, and one stream's bad request or failing hook is reported for that stream only.
/// </summary>
public sealed class ContinuousBatchingTests
{
    private const double Tolerance = 1e-4;

    private static Transformer Family(string name) => Transformer.Load(Path.Combine(TestPaths.Fixtures, name), threads: 2);
    private static Transformer Stories() => Transformer.Load(TestPaths.Stories260KHf, threads: 2);

    /// <summary>What a stream does at each step: null = not in this step, otherwise the tokens it appends.</summary>
    private sealed record Script(string Name, int[]?[] Steps);

    public static TheoryData<string> Models() => ["stories260K", "mistral", "gemma2", "gpt2"];

    private static Transformer Load(string name) => name == "stories260K" ? Stories() : Family(name);

    [Theory, MemberData(nameof(Models))]
    public void StepLogitsEqualEachStreamDecodedAlone(string name)
    {
        using var model = Load(name);
        var v = model.Config.Vocab;
        int T(int i) => (i * 37 + 11) % v;
        // Streams of different lengths; "late" joins at step 2 with its prompt riding beside the others' decode tokens;
        // "short" leaves after step 2 and comes back at step 4; "long" has a long prompt (GEMM path for its rows).
        Script[] scripts =
        [
            new("one-token", [[T(1)], [T(2)], [T(3)], [T(4)], [T(5)]]),
            new("prompt", [[T(6), T(7), T(8)], [T(9)], [T(10)], [T(11)], [T(12)]]),
            new("late", [null, null, [T(13), T(14), T(15), T(16), T(17)], [T(18)], [T(19)]]),
            new("short", [[T(20), T(21)], [T(22)], null, null, [T(23)]]),
            new("long", [Enumerable.Range(30, 20).Select(T).ToArray(), [T(24)], [T(25)], [T(26)], [T(27)]]),
        ];

        var expected = scripts.Select(s => Alone(model, s)).ToArray();
        var sessions = scripts.Select(_ => model.StartSession()).ToArray();
        for (var step = 0; step < 5; step++)
        {
            var active = Enumerable.Range(0, scripts.Length).Where(s => scripts[s].Steps[step] is not null).ToArray();
            var results = model.Step(active.Select(s => new DecodeRequest(sessions[s], scripts[s].Steps[step]!)).ToList());
            Assert.Equal(active.Length, results.Count);
            for (var j = 0; j < active.Length; j++)
            {
                var s = active[j];
                Compare.Close($"{name} stream '{scripts[s].Name}' step {step}", expected[s][step]!.Select(x => (double)x).ToArray(), results[j].LogitsOrThrow(), Tolerance);
            }
        }
        for (var s = 0; s < scripts.Length; s++)
            Assert.Equal(scripts[s].Steps.Where(t => t is not null).Sum(t => t!.Length), sessions[s].Length);
    }

    private static float[]?[] Alone(Transformer model, Script script)
    {
        var session = model.StartSession();
        return script.Steps.Select(tokens => tokens is null ? null : session.Append(tokens)).ToArray();
    }

    [Fact]
    public void ContextLengthExceededByOneStreamIsReportedForItAndTheOthersProceed()
    {
        using var model = Family("mistral"); // context length 64
        var context = model.Config.ContextLength;
        var full = model.StartSession();
        full.Append(Enumerable.Range(0, context - 1).Select(i => i % model.Config.Vocab).ToArray());
        var other = model.StartSession();
        other.Append([5, 6, 7]);
        var expected = Alone(model, new Script("other", [[5, 6, 7], [8]]))[1]!;

        var results = model.Step([new DecodeRequest(full, [1, 2]), new DecodeRequest(other, [8])]);

        Assert.False(results[0].Succeeded);
        Assert.Contains($"context length of {context} tokens", results[0].Error);
        Assert.Null(results[0].Logits);
        Assert.Equal(context - 1, full.Length);
        Compare.Close("the other stream", expected.Select(x => (double)x).ToArray(), results[1].LogitsOrThrow(), Tolerance);
        Assert.Equal(4, other.Length);

        // The full stream can still take its last position.
        Assert.True(model.Step([new DecodeRequest(full, [1])])[0].Succeeded);
        Assert.Equal(context, full.Length);
    }

    [Fact]
    public void EveryKindOfBadRequestIsNamedForItsStreamAlone()
    {
        using var model = Family("qwen2");
        using var otherModel = Family("qwen2");
        var good = model.StartSession();
        var twice = model.StartSession();
        var foreign = otherModel.StartSession();
        var empty = model.StartSession();
        var outside = model.StartSession();
        var vocab = model.Config.Vocab;

        var results = model.Step(
        [
            new DecodeRequest(good, [1, 2]),
            new DecodeRequest(twice, [3]),
            new DecodeRequest(twice, [4]),
            new DecodeRequest(foreign, [1]),
            new DecodeRequest(empty, []),
            new DecodeRequest(outside, [vocab]),
            null!,
        ]);

        Assert.True(results[0].Succeeded);
        Assert.True(results[1].Succeeded);
        Assert.Equal("the same session appears twice in one step", results[2].Error);
        Assert.StartsWith("the session belongs to another model", results[3].Error);
        Assert.Equal("the request has no tokens to append", results[4].Error);
        Assert.Equal($"token id {vocab} is outside the vocabulary [0, {vocab})", results[5].Error);
        Assert.Equal("the request is null", results[6].Error);
        Assert.Equal([2, 1, 0, 0, 0], new[] { good.Length, twice.Length, foreign.Length, empty.Length, outside.Length });
        var error = Assert.Throws<InvalidOperationException>(() => results[4].LogitsOrThrow());
        Assert.Equal(results[4].Error, error.Message);
        Assert.All(model.Step([new DecodeRequest(empty, [])]), r => Assert.False(r.Succeeded));
    }

    [Fact]
    public void HooksOfOneStreamSeeOnlyThatStreamWithItsPositions()
    {
        using var model = Stories();
        var watched = model.StartSession();
        var other = model.StartSession();
        model.Step([new DecodeRequest(watched, [1, 2, 3]), new DecodeRequest(other, [4, 5, 6, 7, 8])]);

        var cache = new ActivationCache(HookPoints.ResidPost | HookPoints.Pattern);
        var contexts = new List<HookContext>();
        var recorder = new ContextRecorder(contexts);
        model.Step([new DecodeRequest(other, [9]), new DecodeRequest(watched, [10, 11], new HookChainOf(cache, recorder))]);

        var alone = new ActivationCache(HookPoints.ResidPost | HookPoints.Pattern);
        var session = model.StartSession();
        session.Append([1, 2, 3]);
        session.Append([10, 11], alone);
        var last = model.Config.Layers - 1;
        Compare.Close("resid_post of the watched stream", alone[HookNames.ResidPost(last)].Select(x => (double)x).ToArray(), cache[HookNames.ResidPost(last)], Tolerance);
        Compare.Close("pattern of the watched stream", alone[HookNames.Pattern(0)].Select(x => (double)x).ToArray(), cache[HookNames.Pattern(0)], Tolerance);
        Assert.All(contexts, c => Assert.Equal(new HookContext(1, 2, 3), c));
        Assert.Equal(model.Config.Layers, contexts.Count);
    }

    [Fact]
    public void AThrowingHookFailsOnlyItsStreamAndLeavesItsSessionAsItWas()
    {
        using var model = Stories();
        var failing = model.StartSession();
        var other = model.StartSession();
        model.Step([new DecodeRequest(failing, [1, 2]), new DecodeRequest(other, [3, 4])]);

        var results = model.Step([new DecodeRequest(failing, [5], new ThrowAtLayer(1)), new DecodeRequest(other, [6])]);

        Assert.False(results[0].Succeeded);
        Assert.Equal("a hook failed, the step was not applied: InvalidOperationException: hook refuses layer 1", results[0].Error);
        Assert.Equal(2, failing.Length);
        var otherAlone = Alone(model, new Script("other", [[3, 4], [6]]))[1]!;
        Compare.Close("the other stream", otherAlone.Select(x => (double)x).ToArray(), results[1].LogitsOrThrow(), Tolerance);

        // Retried without the hook, the failed step gives what it gives alone: the torn KV rows were not kept.
        var retry = model.Step([new DecodeRequest(failing, [5])])[0].LogitsOrThrow();
        var failingAlone = Alone(model, new Script("failing", [[1, 2], [5]]))[1]!;
        Compare.Close("the retried stream", failingAlone.Select(x => (double)x).ToArray(), retry, Tolerance);
    }

    private sealed class ContextRecorder(List<HookContext> seen) : IForwardHooks
    {
        public HookPoints Points => HookPoints.ResidPost;
        public void OnResidPost(in HookContext context, int layer, Span<float> residual) => seen.Add(context);
    }

    private sealed class ThrowAtLayer(int layer) : IForwardHooks
    {
        public HookPoints Points => HookPoints.ResidPost;
        public void OnResidPost(in HookContext context, int l, Span<float> residual)
        {
            residual.Fill(float.NaN); // a half-done write must not leak into the session either
            if (l == layer) throw new InvalidOperationException($"hook refuses layer {layer}");
        }
    }

    /// <summary>Two hooks on one stream, both called for every point either wants.</summary>
    private sealed class HookChainOf(IForwardHooks first, IForwardHooks second) : IForwardHooks
    {
        public HookPoints Points => first.Points | second.Points;
        public void OnResidPost(in HookContext context, int layer, Span<float> residual)
        {
            if ((first.Points & HookPoints.ResidPost) != 0) first.OnResidPost(context, layer, residual);
            if ((second.Points & HookPoints.ResidPost) != 0) second.OnResidPost(context, layer, residual);
        }
        public void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern)
        {
            if ((first.Points & HookPoints.Pattern) != 0) first.OnPattern(context, layer, pattern);
            if ((second.Points & HookPoints.Pattern) != 0) second.OnPattern(context, layer, pattern);
        }
    }
}
