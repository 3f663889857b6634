using Lens.Engine.Inference;
using Lens.Tests;

namespace Lens.Product.Tests;

[Collection(nameof(DefaultCluster))]
public sealed class BatchingTests(DefaultCluster fixture)
{
    [Fact]
    public async Task ConcurrentStreamsAdvanceTogetherInBatchedSteps()
    {
        var served = fixture.Served();
        var before = served.Load().BatchedSteps;
        var users = new[] { "u1", "u2", "u3" };
        var conversations = await Task.WhenAll(users.Select(u => Chats.Start(fixture.Grains, u)));

        fixture.Gate.Close();
        var first = Chats.Turn(conversations[0], users[0], "Once upon a time", maxNewTokens: 12);
        fixture.Gate.WaitUntilHeld(TimeSpan.FromSeconds(20));
        var others = users.Skip(1).Select((u, i) => Chats.Turn(conversations[i + 1], u, i == 0 ? "The dog" : "Lily saw a bird", maxNewTokens: 12)).ToList();
        await Eventually.True(() => served.Load().QueueDepth == 2, "two streams queued behind the held step");
        fixture.Gate.Open();
        var results = await Task.WhenAll([first, .. others]);

        var load = served.Load();
        Assert.True(load.BatchedSteps > before, $"no batched step ran (steps {load.Steps}, batched {load.BatchedSteps})");
        Assert.Equal(3, load.LargestBatch);
        Assert.Contains(3, fixture.Gate.Batches());
        // Batched or not, each answer is the engine's own greedy continuation of its prompt.
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        foreach (var (_, done) in results)
        {
            var prompt = done.Tokens[..(done.PromptEnd - done.PromptStart)].Select(t => t.Id).ToArray();
            var expected = model.Generate(prompt, new GenerationOptions { MaxNewTokens = 12, StopTokens = model.Config.EosTokenIds.ToArray() });
            Assert.Equal(expected.Ids, done.Tokens[(done.PromptEnd - done.PromptStart)..].Select(t => t.Id));
        }
    }
}
