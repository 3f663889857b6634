using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Product.Tests;

/// <summary>One stream decodes at a time (MaxBatch 1), three may wait: queueing is visible and bounded.</summary>
[Collection(nameof(NarrowCluster))]
public sealed class BackPressureTests(NarrowCluster fixture)
{
    [Fact]
    public async Task AFullQueueRefusesWithARetryTimeAndRecordsNothing()
    {
        var served = fixture.Served();
        var users = new[] { "p1", "p2", "p3", "p4", "p5" };
        var conversations = await Task.WhenAll(users.Select(u => Chats.Start(fixture.Grains, u)));
        fixture.Gate.Close();
        var running = new List<Task<(List<GeneratedToken>, ChatTurnResult)>> { Chats.Turn(conversations[0], users[0], "Once upon a time", 8) };
        fixture.Gate.WaitUntilHeld(TimeSpan.FromSeconds(20));
        for (var i = 1; i < 4; i++)
        {
            running.Add(Chats.Turn(conversations[i], users[i], "Once upon a time", 8));
            var queued = i;
            await Eventually.True(() => served.Load().QueueDepth == queued, $"{queued} streams waiting");
        }

        var busy = await Assert.ThrowsAsync<ModelBusyException>(() => Chats.Turn(conversations[4], users[4], "Once upon a time", 8));

        Assert.InRange(busy.RetryAfterSeconds, 1, 60);
        Assert.Equal(ProductCluster.Model, busy.Model);
        Assert.Contains("retry after", busy.Message);
        fixture.Gate.Open();
        await Task.WhenAll(running);
        Assert.Empty((await conversations[4].Get(users[4])).Tokens);
        var (_, retried) = await Chats.Turn(conversations[4], users[4], "Once upon a time", 8);
        Assert.True(retried.ResponseEnd > retried.ResponseStart);
    }

    [Fact]
    public async Task WaitingUsersAreServedInTurnNotInArrivalOrder()
    {
        var served = fixture.Served();
        var ann = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Chats.Start(fixture.Grains, "ann")));
        var ben = await Chats.Start(fixture.Grains, "ben");
        fixture.Gate.Close();
        var prefillsBefore = fixture.Gate.Prefills().Length;
        // Prompts of different lengths tell the streams apart in the order the decode thread prefilled them.
        var turns = new List<Task<(List<GeneratedToken> Streamed, ChatTurnResult Done)>> { Chats.Turn(ann[0], "ann", "Once", 4) };
        fixture.Gate.WaitUntilHeld(TimeSpan.FromSeconds(20));
        turns.Add(Chats.Turn(ann[1], "ann", "Once upon", 4));
        await Eventually.True(() => served.Load().QueueDepth == 1, "ann's second stream waiting");
        turns.Add(Chats.Turn(ann[2], "ann", "Once upon a time there", 4));
        await Eventually.True(() => served.Load().QueueDepth == 2, "ann's third stream waiting");
        turns.Add(Chats.Turn(ben, "ben", "Lily and Ben went to the park", 4));
        await Eventually.True(() => served.Load().QueueDepth == 3, "ben's stream waiting");
        fixture.Gate.Open();
        var done = await Task.WhenAll(turns);

        var length = done.Select(d => d.Done.PromptEnd - d.Done.PromptStart).ToArray();
        Assert.Equal(length.Distinct().Count(), length.Length);
        // ann's first runs; then ann and ben alternate: ann's second, ben's, ann's third (arrival order would put ben last).
        Assert.Equal([length[0], length[1], length[3], length[2]], fixture.Gate.Prefills()[prefillsBefore..]);
    }
}
