using System.Diagnostics;
using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Bench;

/// <summary>The product's figures, each printed as one line.</summary>
public sealed class ProductBenchmarks(BenchCluster cluster)
{
    private static readonly string[] Prompts = ["Once upon a time", "Lily and Ben went to the park", "The little dog", "One day, a girl named Sue"];

    /// <summary>Tokens per second over all streams, generating together through conversations.</summary>
    public async Task DecodeThroughput(int[] streamCounts, int maxNewTokens)
    {
        foreach (var streams in streamCounts)
        {
            var conversations = await Conversations(streams, "decode");
            var before = cluster.Served.Load();
            var clock = Stopwatch.StartNew();
            var turns = await Task.WhenAll(conversations.Select((c, i) => Turn(c.Grain, c.User, Prompts[i % Prompts.Length], maxNewTokens, temperature: 0.8f, seed: (ulong)i)));
            var seconds = clock.Elapsed.TotalSeconds;
            var tokens = turns.Sum(t => t.ResponseEnd - t.ResponseStart);
            var after = cluster.Served.Load();
            Console.WriteLine($"decode, {streams} stream(s): {tokens / seconds:F0} tok/s aggregate ({tokens} tokens in {seconds:F2} s; " +
                $"{after.Steps - before.Steps} steps, {after.BatchedSteps - before.BatchedSteps} batched, largest batch {after.LargestBatch})");
        }
    }

    /// <summary>
    /// Clicks on cached conversations: each user clicks random positions of their own conversation. Measured after a
    /// warm-up round (the JIT's tiers settle), three ways: one user alone (the cost of a click), every user clicking
    /// back to back with no pause (the silo saturated: by Little's law the latency is then users ÷ throughput), and every
    /// user clicking every <paramref name="pause"/> (people reading what they clicked).
    /// </summary>
    public async Task CachedClicks(int users, int clicksPerUser, TimeSpan pause)
    {
        var conversations = await Conversations(users, "click");
        var lengths = await Task.WhenAll(conversations.Select(async c =>
            (await Turn(c.Grain, c.User, Prompts[0], 100, 0.8f, 1)).ResponseEnd));
        Task Click(int u, Random random) => conversations[u].Grain.Inspect(conversations[u].User, new ActivationQuery(random.Next(lengths[u])));
        await ClickLoad.Run(users, clicksPerUser, TimeSpan.Zero, 100, Click); // warm-up: fills the memo, tiers the JIT
        Console.WriteLine($"cached click, 1 user (context 15, all layers, top-5, attention): {(await ClickLoad.Run(1, clicksPerUser * 4, TimeSpan.Zero, 200, Click)).WithGc()}");
        Console.WriteLine($"cached click, {users} users clicking back to back: {(await ClickLoad.Run(users, clicksPerUser, TimeSpan.Zero, 300, Click)).WithGc()}");
        Console.WriteLine($"cached click, {users} users each clicking every {pause.TotalMilliseconds:F0} ms: {(await ClickLoad.Run(users, clicksPerUser, pause, 400, Click)).WithGc()}; " +
            $"hit rate {cluster.Served.Activations.Status().HitRate:P1}");
    }

    /// <summary>Clicks whose residuals are in neither memory nor file: one forward pass over the conversation recomputes them.</summary>
    public async Task UncachedClicks(int clicks)
    {
        var (grain, user) = (await Conversations(1, "uncached"))[0];
        var length = (await Turn(grain, user, Prompts[1], 200, 0.8f, 3)).ResponseEnd;
        var latencies = new Latencies();
        for (var k = 0; k < clicks; k++)
        {
            cluster.Served.Forget(grain.GetPrimaryKey());
            var start = Stopwatch.GetTimestamp();
            var view = await grain.Inspect(user, new ActivationQuery(length - 1));
            latencies.Add(Stopwatch.GetElapsedTime(start));
            if (view.Lens.CacheHit) throw new InvalidOperationException("the uncached click hit the cache");
        }
        Console.WriteLine($"uncached click on a {length}-token conversation (recompute + store + lens + attention): {latencies}");
    }

    /// <summary>Storing 100 positions' residual rows (every layer, fp16) and writing them to the conversation's file.</summary>
    public void CachingCost(int tokens, int repeats)
    {
        var model = cluster.Served.Model;
        var config = model.Config;
        var random = new Random(5);
        var ids = Enumerable.Range(0, tokens).Select(_ => random.Next(config.Vocab)).ToArray();
        var recorded = new ResidualStreamRecorder(ResidualStreamShape.Of(config));
        model.Forward(ids, recorded, LogitsScope.None);
        var store = cluster.Served.Activations;
        var id = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < repeats; r++)
        {
            store.Write(id, recorded);
            store.Persist(id);
        }
        var perWrite = clock.Elapsed.TotalMilliseconds / repeats;
        store.Delete(id);
        Console.WriteLine($"caching {tokens} tokens ({config.Layers} layers + embedding × {config.Hidden}, fp16, {tokens * (config.Layers + 1) * config.Hidden * 2 / 1024.0:F0} KiB): " +
            $"{perWrite:F3} ms to store in memory and write to its file");
    }

    /// <summary>Managed memory and activation cache after <paramref name="count"/> conversations of one long answer each.</summary>
    public async Task MemoryForConversations(int count, int maxNewTokens)
    {
        var cacheBefore = cluster.Served.Activations.Status().MemoryBytes;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Environment.WorkingSet;
        var conversations = await Conversations(count, "memory");
        var turns = await Task.WhenAll(conversations.Select((c, i) => Turn(c.Grain, c.User, Prompts[i % Prompts.Length], maxNewTokens, 0.8f, (ulong)i)));
        var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var cache = cluster.Served.Activations.Status().MemoryBytes - cacheBefore;
        Console.WriteLine($"memory for {count} conversations ({turns.Sum(t => t.ResponseEnd)} tokens): managed heap +{heap / 1048576.0:F1} MB " +
            $"(activation cache +{cache / 1048576.0:F2} MB; KV caches kept for next turns now {cluster.Served.SessionBytes / 1048576.0:F1} MB), " +
            $"working set +{(Environment.WorkingSet - rssBefore) / 1048576.0:F1} MB");
    }

    private async Task<(IConversationGrain Grain, string User)[]> Conversations(int count, string prefix) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var user = $"{prefix}-{i}";
            var grain = cluster.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
            await grain.Start(user, BenchCluster.Model, null);
            return (grain, user);
        }));

    private static async Task<ChatTurnResult> Turn(IConversationGrain grain, string user, string message, int maxNewTokens, float temperature, ulong seed)
    {
        await foreach (var update in grain.Chat(user, new ChatTurnRequest(message, new SamplingOptions(maxNewTokens, temperature, Seed: seed))))
            if (update.Done is { } done) return done;
        throw new InvalidOperationException("the chat ended without its turn");
    }
}
