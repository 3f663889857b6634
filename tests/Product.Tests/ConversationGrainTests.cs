using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Product.Tests;

[Collection(nameof(DefaultCluster))]
public sealed class ConversationGrainTests(DefaultCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task TurnsGetGlobalPositionsAndTheConversationReadsBackAsRecorded()
    {
        var c = await Chats.Start(Grains, "alice", "a story");
        var (streamed1, first) = await Chats.Turn(c, "alice", "Once upon a time", maxNewTokens: 12);
        var (_, second) = await Chats.Turn(c, "alice", "The cat", maxNewTokens: 8);

        Assert.Equal(0, first.PromptStart);
        Assert.Equal(first.PromptEnd, first.ResponseStart);
        Assert.Equal(first.ResponseEnd, second.PromptStart);
        Assert.Equal(second.PromptEnd, second.ResponseStart);
        Assert.Equal(streamed1.Select(t => t.Position), Enumerable.Range(first.ResponseStart, first.ResponseEnd - first.ResponseStart));
        Assert.True(streamed1[^1].FinishReason is "length" or "stop_token", streamed1[^1].FinishReason);
        Assert.Equal(streamed1[^1].FinishReason == "length", streamed1.Count == 12);
        Assert.Equal(1, first.Tokens[0].Id); // stories260K's tokenizer adds BOS on the first turn only
        Assert.NotEqual(1, second.Tokens[0].Id);

        var view = await c.Get("alice");
        Assert.Equal("a story", view.Title);
        Assert.Equal(["user", "assistant", "user", "assistant"], view.Messages.Select(m => m.Role));
        Assert.Equal(second.ResponseEnd, view.Tokens.Length);
        Assert.Equal(Enumerable.Range(0, view.Tokens.Length), view.Tokens.Select(t => t.Position));
        Assert.Equal(first.Response, view.Messages[1].Content);
        Assert.All(view.Tokens[first.ResponseStart..first.ResponseEnd], t => Assert.Equal("assistant", t.Role));
        Assert.Equal(first.Tokens.Concat(second.Tokens).Select(t => t.Id), view.Tokens.Select(t => t.Id));

        var listed = Assert.Single(await Grains.GetGrain<IConversationListGrain>("alice").List(), s => s.Id == view.Id);
        Assert.Equal((2, view.Tokens.Length), (listed.Turns, listed.Tokens));
    }

    [Fact]
    public async Task GreedyAnswerIsTheEnginesOwnGreedyContinuation()
    {
        var c = await Chats.Start(Grains, "alice");
        var (_, done) = await Chats.Turn(c, "alice", "Lily and Ben", maxNewTokens: 16);
        var prompt = done.Tokens[..(done.PromptEnd - done.PromptStart)].Select(t => t.Id).ToArray();
        using var model = Lens.Engine.Inference.Transformer.Load(Lens.Tests.TestPaths.Stories260KHf, threads: 1);
        var expected = model.Generate(prompt, new Lens.Engine.Inference.GenerationOptions { MaxNewTokens = 16, StopTokens = model.Config.EosTokenIds.ToArray() });
        Assert.Equal(expected.Ids, done.Tokens[(done.PromptEnd - done.PromptStart)..].Select(t => t.Id));
    }

    [Fact]
    public async Task AnotherUserIsRefusedEverything()
    {
        var c = await Chats.Start(Grains, "alice");
        await Chats.Turn(c, "alice", "Once upon a time", maxNewTokens: 4);
        await AssertRejected(Rejection.Forbidden, "conversation_id", () => c.Get("bob"));
        await AssertRejected(Rejection.Forbidden, "conversation_id", () => c.Inspect("bob", new ActivationQuery(1)));
        await AssertRejected(Rejection.Forbidden, "conversation_id", () => c.EvictCache("bob"));
        await AssertRejected(Rejection.Forbidden, "conversation_id", () => c.Delete("bob"));
        await AssertRejected(Rejection.Forbidden, "conversation_id", () => Chats.Turn(c, "bob", "hello"));
        Assert.DoesNotContain(await Grains.GetGrain<IConversationListGrain>("bob").List(), s => s.Id == c.GetPrimaryKey());
        Assert.Equal(2, (await c.Get("alice")).Messages.Length); // the owner still reads it whole
    }

    [Fact]
    public async Task BadRequestsAreRefusedNamingTheField()
    {
        var c = await Chats.Start(Grains, "alice");
        await AssertRejected(Rejection.NotFound, "position", () => c.Inspect("alice", new ActivationQuery(0)));
        await Chats.Turn(c, "alice", "Once upon a time", maxNewTokens: 4);
        var length = (await c.Get("alice")).Tokens.Length;

        await AssertRejected(Rejection.NotFound, "conversation_id", () => Grains.GetGrain<IConversationGrain>(Guid.NewGuid()).Get("alice"));
        await AssertRejected(Rejection.NotFound, "position", () => c.Inspect("alice", new ActivationQuery(length)));
        await AssertRejected(Rejection.NotFound, "position", () => c.Inspect("alice", new ActivationQuery(-1)));
        var layer = await AssertRejected(Rejection.Invalid, "layers", () => c.Inspect("alice", new ActivationQuery(1, Layers: [0, 9])));
        Assert.Contains("layer 9", layer.Message);
        await AssertRejected(Rejection.Invalid, "top_k", () => c.Inspect("alice", new ActivationQuery(1, TopK: 0)));
        await AssertRejected(Rejection.Invalid, "context_size", () => c.Inspect("alice", new ActivationQuery(1, ContextSize: -1)));
        await AssertRejected(Rejection.Invalid, "message", () => Chats.Turn(c, "alice", "  "));
        await AssertRejected(Rejection.TooLarge, "message", () => Chats.Turn(c, "alice", new string('a', ConversationLimits.MaxMessageChars + 1)));
        // Fits the character bound but not the model's 512-token context.
        await AssertRejected(Rejection.TooLarge, "message", () => Chats.Turn(c, "alice", string.Join(' ', Enumerable.Repeat("once upon a time", 200))));
        await AssertRejected(Rejection.Invalid, "max_new_tokens", () => Chats.Turn(c, "alice", "hi", maxNewTokens: 0));
        await AssertRejected(Rejection.NotFound, "model", () => Grains.GetGrain<IConversationGrain>(Guid.NewGuid()).Start("alice", "no-such-model", null));
        Assert.Equal(length, (await c.Get("alice")).Tokens.Length); // refused turns recorded nothing
    }

    [Fact]
    public async Task AModelWhoseWeightsAreMissingIsUnavailableNamingWhere()
    {
        var c = Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await c.Start("alice", ProductCluster.BrokenModel, null);
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => Chats.Turn(c, "alice", "hello"));
        Assert.Equal(ProductCluster.BrokenModel, e.Model);
        Assert.Contains("no-such-weights", e.Message);
        Assert.Empty((await c.Get("alice")).Messages);
        await c.Delete("alice"); // nothing is cached for it anywhere, and deleting still works
        await AssertRejected(Rejection.NotFound, "conversation_id", () => c.Get("alice"));
    }

    [Fact]
    public async Task DeleteRemovesTheConversationItsListingAndItsActivations()
    {
        var c = await Chats.Start(Grains, "carol");
        await Chats.Turn(c, "carol", "Once upon a time", maxNewTokens: 6);
        await c.Inspect("carol", new ActivationQuery(3));
        var id = c.GetPrimaryKey();
        var store = fixture.Served().Activations;
        Assert.True(store.Length(id) > 0);

        await c.Delete("carol");

        Assert.Equal(0, store.Length(id));
        Assert.Empty(Directory.EnumerateFiles(fixture.ActivationDirectory, $"{id:N}*", SearchOption.AllDirectories));
        Assert.DoesNotContain(await Grains.GetGrain<IConversationListGrain>("carol").List(), s => s.Id == id);
        await AssertRejected(Rejection.NotFound, "conversation_id", () => c.Get("carol"));
    }

    [Fact]
    public async Task AConversationIsRebuiltFromItsJournalAfterDeactivation()
    {
        var c = await Chats.Start(Grains, "heidi", "kept");
        await Chats.Turn(c, "heidi", "Once upon a time", maxNewTokens: 6);
        await Chats.Turn(c, "heidi", "The end", maxNewTokens: 4);
        var before = System.Text.Json.JsonSerializer.Serialize(await c.Get("heidi"));

        await fixture.Cluster.DeactivateAsync(c);

        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(await c.Get("heidi")));
        await AssertRejected(Rejection.Forbidden, "conversation_id", () => c.Get("ivan"));
    }

    [Fact]
    public async Task ATurnSentAgainWithItsTurnIdIsAnsweredFromTheRecordNotRepeated()
    {
        var c = await Chats.Start(Grains, "judy");
        var turnId = Guid.NewGuid();
        var request = new ChatTurnRequest("Once upon a time", new SamplingOptions(8, 0.9f, Seed: 3), turnId);
        var first = await Drain(c.Chat("judy", request));

        // The silo that recorded it is gone (a retry after a lost answer reaches a fresh activation).
        await fixture.Cluster.DeactivateAsync(c);
        var again = await Drain(c.Chat("judy", request));

        Assert.Empty(again.Tokens);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first.Done), System.Text.Json.JsonSerializer.Serialize(again.Done));
        var view = await c.Get("judy");
        Assert.Equal(2, view.Messages.Length);
        Assert.Equal(first.Done.ResponseEnd, view.Tokens.Length);

        var next = await Drain(c.Chat("judy", request with { Message = "And then?", TurnId = Guid.NewGuid() }));
        Assert.Equal(first.Done.ResponseEnd, next.Done.PromptStart);
        var conflict = await AssertRejected(Rejection.Conflict, "turn_id", () => Drain(c.Chat("judy", request with { Message = "Something else" })));
        Assert.Contains(turnId.ToString(), conflict.Message);
        await AssertRejected(Rejection.Invalid, "turn_id", () => Drain(c.Chat("judy", request with { TurnId = Guid.Empty })));
        Assert.Equal(4, (await c.Get("judy")).Messages.Length);
    }

    private static async Task<(List<GeneratedToken> Tokens, ChatTurnResult Done)> Drain(IAsyncEnumerable<ChatUpdate> updates)
    {
        var tokens = new List<GeneratedToken>();
        ChatTurnResult? done = null;
        await foreach (var update in updates)
        {
            if (update.Token is { } t) tokens.Add(t);
            if (update.Done is { } d) done = d;
        }
        return (tokens, done ?? throw new InvalidOperationException("the chat ended without its turn"));
    }

    internal static async Task<RequestRejectedException> AssertRejected(Rejection kind, string field, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RequestRejectedException>(call);
        Assert.Equal((kind, field), (e.Kind, e.Field));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        return e;
    }
}
