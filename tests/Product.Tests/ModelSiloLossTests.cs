using System.Diagnostics;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Lens.Product.Tests;

/// <summary>Three silos holding stories260K, so that a test can kill one and keep a majority.</summary>
public sealed class ThreeSiloProductCluster() : ProductCluster(3, _ => { });

/// <summary>
/// The silo of a conversation's model grain dies mid-answer while the conversation's own silo lives: the turn fails
/// with a cluster error (which the web API reports as a lost, unsaved turn), nothing of it is recorded, and the next
/// turn is answered by the model on another silo.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ModelSiloLossTests(ThreeSiloProductCluster fixture, ITestOutputHelper output) : IClassFixture<ThreeSiloProductCluster>
{
    private const string User = "survivor";

    [Fact]
    public async Task LosingTheModelsSiloMidAnswerFailsTheTurnUnsavedAndTheNextTurnIsServedElsewhere()
    {
        var (conversation, modelSilo) = await ConversationWithItsModelElsewhereAsync();
        var before = await conversation.Get(User);

        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.Zero;
        var tokens = 0;
        // The silo stops only once its forward pass returns, so the kill comes at the first token rather than under a held gate.
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in conversation.Chat(User, new ChatTurnRequest("Tell me a long story", new SamplingOptions(MaxNewTokens: 1000, Temperature: 0))))
            {
                if (update.Token is null || tokens++ > 0) continue;
                await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(modelSilo)));
                killedAt = clock.Elapsed;
            }
        }).WaitAsync(TimeSpan.FromSeconds(90));
        output.WriteLine($"model silo killed after {tokens} tokens → the turn failed {(clock.Elapsed - killedAt).TotalSeconds:0.00} s later: " +
            $"{failure.GetType().Name}: {failure.Message.Split('\n')[0]}");
        Assert.True(killedAt > TimeSpan.Zero, "the turn failed before its first token");
        // What the web API reports as a lost, unsaved turn (503), never a bare 500.
        Assert.True(failure is OrleansException or TimeoutException or EnumerationAbortedException, $"{failure.GetType().Name} is not a cluster failure");

        Assert.Equal(before.Messages, (await conversation.Get(User)).Messages);
        var (_, done) = await Chats.Turn(conversation, User, "And then?", 8);
        output.WriteLine($"model silo killed → next turn answered {(clock.Elapsed - killedAt).TotalSeconds:0.00} s later");
        Assert.Equal(before.Tokens.Length, done.PromptStart);
        var lens = await conversation.Inspect(User, new ActivationQuery(2, 2, [0], 3));
        Assert.Equal(before.Tokens[2].Id, lens.Tokens[^1].Id);
    }

    // Placement is random: start conversations until one's grain and its model grain are on different silos.
    private async Task<(IConversationGrain Conversation, SiloAddress ModelSilo)> ConversationWithItsModelElsewhereAsync()
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var conversation = await Chats.Start(fixture.Grains, User);
            await Chats.Turn(conversation, User, "Once upon a time", 8);
            var id = conversation.GetPrimaryKey();
            var model = fixture.Grains.GetGrain<IModelGrain>(ModelGrainKey.ForConversation(ProductCluster.Model, id, new Lens.Grains.Models.ModelServingOptions().Replicas));
            var home = Silo(conversation.GetGrainId());
            var modelSilo = Silo(model.GetGrainId());
            if (home is not null && modelSilo is not null && !home.Equals(modelSilo)) return (conversation, modelSilo);
        }
        throw new InvalidOperationException("30 conversations all had their model grain on their own silo");
    }

    private SiloAddress? Silo(GrainId grain) =>
        fixture.Cluster.TryGetGrainContext(grain, out var context) ? context?.Address.SiloAddress : null;
}
