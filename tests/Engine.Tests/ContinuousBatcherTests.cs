using System.Diagnostics;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Tests;

namespace Lens.Engine.Tests;

/// <summary>
/// <see cref="ContinuousBatcher"/>: concurrent callers share steps, long prompts are prefilled in budget-sized chunks
/// beside the decoding streams, and cancelled, failed or abandoned appends leave their sessions as they were. The loop is
/// held inside a step by a hook (a barrier, not a sleep) so what joins the next step is deterministic.
/// </summary>
public sealed class ContinuousBatcherTests
{
    private const double Tolerance = 1e-4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Transformer Stories() => Transformer.Load(TestPaths.Stories260KHf, threads: 2);

    private static float[] Alone(Transformer model, params int[][] appends)
    {
        var session = model.StartSession();
        float[] last = [];
        foreach (var tokens in appends) last = session.Append(tokens);
        return last;
    }

    private static void Close(string what, float[] expected, float[] actual) =>
        Compare.Close(what, expected.Select(x => (double)x).ToArray(), actual, Tolerance);

    [Fact]
    public async Task AppendsMadeWhileAStepRunsShareTheNextStep()
    {
        using var model = Stories();
        using var batcher = new ContinuousBatcher(model);
        using var hold = new StepHold();
        var first = batcher.AppendAsync(model.StartSession(), [1], hold);
        hold.WaitUntilEntered("the first step");

        int[][] prompts = [[5], [6, 7], [8, 9, 10], [11, 12, 13, 14]];
        var sessions = prompts.Select(_ => model.StartSession()).ToArray();
        var appends = prompts.Select((p, i) => batcher.AppendAsync(sessions[i], p)).ToArray();
        hold.Release();

        await Task.WhenAll([first, .. appends]).WaitAsync(Patience);
        for (var i = 0; i < prompts.Length; i++) Close($"stream {i}", Alone(model, prompts[i]), await appends[i]);
        Assert.Equal(new BatcherStatistics(2, 1 + 10, 4), batcher.Statistics);
    }

    [Fact]
    public async Task ConcurrentConversationsGetTheLogitsTheyGetAlone()
    {
        using var model = Stories();
        using var batcher = new ContinuousBatcher(model);
        const int streams = 5, steps = 12;
        var vocab = model.Config.Vocab;
        int[] Prompt(int s) => Enumerable.Range(0, s + 1).Select(i => (s * 31 + i * 7 + 1) % vocab).ToArray();

        // Each conversation feeds back its own greedy token; all run at once through the batcher.
        var conversations = Enumerable.Range(0, streams).Select(s => Task.Run(async () =>
        {
            var session = model.StartSession();
            var seen = new List<(int[] Tokens, float[] Logits)>();
            var tokens = Prompt(s);
            for (var i = 0; i < steps; i++)
            {
                var logits = await batcher.AppendAsync(session, tokens);
                seen.Add((tokens, logits));
                tokens = [Array.IndexOf(logits, logits.Max())];
            }
            return seen;
        })).ToArray();
        var transcripts = await Task.WhenAll(conversations).WaitAsync(Patience);

        for (var s = 0; s < streams; s++)
        {
            var session = model.StartSession();
            foreach (var (i, (tokens, logits)) in transcripts[s].Index())
                Close($"conversation {s} step {i}", session.Append(tokens), logits);
        }
        Assert.Equal(streams * (steps - 1) + Enumerable.Range(0, streams).Sum(s => s + 1), batcher.Statistics.Tokens);
    }

    [Fact]
    public async Task ALongPromptIsPrefilledInChunksBesideADecodingStream()
    {
        using var model = Stories();
        using var batcher = new ContinuousBatcher(model, maxTokensPerStep: 8);
        using var hold = new StepHold();
        var decoding = model.StartSession();
        var first = batcher.AppendAsync(decoding, [1], hold);
        hold.WaitUntilEntered("the first step");

        var prompt = Enumerable.Range(0, 20).Select(i => (i * 13 + 3) % model.Config.Vocab).ToArray();
        var contexts = new List<HookContext>();
        var prefill = batcher.AppendAsync(model.StartSession(), prompt, new ContextRecorder(contexts));
        var decode = batcher.AppendAsync(decoding, [2]);
        hold.Release();

        await Task.WhenAll(first, prefill, decode).WaitAsync(Patience);
        Close("the chunked prompt", Alone(model, prompt), await prefill);
        Close("the decoding stream", Alone(model, [1], [2]), await decode);
        // Step 2 carries the decode token and 7 prompt tokens, then 8, then the last 5.
        Assert.Equal([(7, 0), (8, 7), (5, 15)], contexts.Select(c => (c.Tokens, c.StartPosition)).Distinct());
        Assert.Equal(4, batcher.Statistics.Steps);
    }

    [Fact]
    public async Task ACancelledAppendLeavesItsSessionAsItWas()
    {
        using var model = Stories();
        using var batcher = new ContinuousBatcher(model, maxTokensPerStep: 4);
        using var hold = new StepHold();
        var first = batcher.AppendAsync(model.StartSession(), [1], hold);
        hold.WaitUntilEntered("the first step");

        using var beforeItRuns = new CancellationTokenSource();
        var waiting = model.StartSession();
        var cancelledEarly = batcher.AppendAsync(waiting, [3, 4], cancellation: beforeItRuns.Token);
        beforeItRuns.Cancel();

        using var midPrompt = new CancellationTokenSource();
        var prefilling = model.StartSession();
        var cancelledMidway = batcher.AppendAsync(prefilling, Enumerable.Range(1, 12).ToArray(), new CancelOnFirstChunk(midPrompt), midPrompt.Token);
        hold.Release();

        await first.WaitAsync(Patience);
        await Assert.ThrowsAsync<TaskCanceledException>(() => cancelledEarly.WaitAsync(Patience));
        await Assert.ThrowsAsync<TaskCanceledException>(() => cancelledMidway.WaitAsync(Patience));
        Assert.Equal(0, waiting.Length);
        Assert.Equal(0, prefilling.Length);
        await batcher.AppendAsync(prefilling, [5]).WaitAsync(Patience); // the rewound session takes a new append
        Assert.Equal(1, prefilling.Length);
    }

    [Fact]
    public async Task AStepErrorFailsThatAppendAlone()
    {
        using var model = Transformer.Load(Path.Combine(TestPaths.Fixtures, "mistral"), threads: 2); // context length 64
        using var batcher = new ContinuousBatcher(model);
        var full = model.StartSession();
        full.Append(Enumerable.Range(0, model.Config.ContextLength).Select(i => i % model.Config.Vocab).ToArray());
        var healthy = model.StartSession();

        var overflow = batcher.AppendAsync(full, [1]);
        var fine = batcher.AppendAsync(healthy, [1, 2]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => overflow.WaitAsync(Patience));
        Assert.Contains($"context length of {model.Config.ContextLength} tokens", error.Message);
        Close("the healthy stream", Alone(model, [1, 2]), await fine.WaitAsync(Patience));
        Assert.Equal(model.Config.ContextLength, full.Length);
    }

    [Fact]
    public async Task DisposingFinishesTheRunningStepAndFailsTheWaitingAppends()
    {
        using var model = Stories();
        var batcher = new ContinuousBatcher(model);
        using var hold = new StepHold();
        var running = batcher.AppendAsync(model.StartSession(), [1], hold);
        hold.WaitUntilEntered("the first step");
        var waitingSession = model.StartSession();
        var waiting = batcher.AppendAsync(waitingSession, [2]);

        var disposing = Task.Run(batcher.Dispose);
        // Release the held step only once Dispose has begun (new appends are refused), or the loop could start the next
        // step before Dispose marks the batcher. Appends made before that are abandoned with the waiting one.
        var refused = Stopwatch.StartNew();
        var probe = model.StartSession();
        while (!Refuses(batcher, probe) && refused.Elapsed < Patience) await Task.Delay(1);
        Assert.True(Refuses(batcher, probe), "Dispose never began refusing appends");
        hold.Release();

        await disposing.WaitAsync(Patience);
        await running.WaitAsync(Patience);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(0, waitingSession.Length);
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.AppendAsync(model.StartSession(), [3]); });
    }

    private static bool Refuses(ContinuousBatcher batcher, InferenceSession probe)
    {
        try { _ = batcher.AppendAsync(probe, [3]); return false; }
        catch (ObjectDisposedException) { return true; }
    }

    [Fact]
    public void BadAppendsAreRefusedAtOnceWithTheReason()
    {
        using var model = Stories();
        using var other = Stories();
        using var batcher = new ContinuousBatcher(model);
        Assert.Throws<ArgumentNullException>(() => { _ = batcher.AppendAsync(null!, [1]); });
        Assert.Equal("no tokens to append (Parameter 'tokens')", Assert.Throws<ArgumentException>(() => { _ = batcher.AppendAsync(model.StartSession(), []); }).Message);
        Assert.StartsWith("the session belongs to another model", Assert.Throws<ArgumentException>(() => { _ = batcher.AppendAsync(other.StartSession(), [1]); }).Message);
        Assert.Contains("at least one token", Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuousBatcher(model, 0)).Message);
    }

    /// <summary>Holds the loop inside a step (at layer 0) until released; a barrier for deterministic batching tests.</summary>
    private sealed class StepHold : IForwardHooks, IDisposable
    {
        private readonly ManualResetEventSlim _entered = new(), _released = new();
        public HookPoints Points => HookPoints.ResidPost;

        public void OnResidPost(in HookContext context, int layer, Span<float> residual)
        {
            if (layer != 0) return;
            _entered.Set();
            if (!_released.Wait(Patience)) throw new TimeoutException("the test never released the held step");
        }

        public void WaitUntilEntered(string phase) => Assert.True(_entered.Wait(Patience), $"{phase}: the batcher never started the held step");
        public void Release() => _released.Set();
        public void Dispose() { _released.Set(); _entered.Dispose(); _released.Dispose(); }
    }

    private sealed class ContextRecorder(List<HookContext> seen) : IForwardHooks
    {
        public HookPoints Points => HookPoints.ResidPost;
        public void OnResidPost(in HookContext context, int layer, Span<float> residual) => seen.Add(context);
    }

    private sealed class CancelOnFirstChunk(CancellationTokenSource source) : IForwardHooks
    {
        public HookPoints Points => HookPoints.ResidPre;
        public void OnResidPre(in HookContext context, Span<float> residual) => source.Cancel();
    }
}
