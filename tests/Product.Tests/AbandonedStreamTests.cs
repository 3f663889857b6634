using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Product.Tests;

[Collection(nameof(DefaultCluster))]
public sealed class AbandonedStreamTests(DefaultCluster fixture)
{
    [Fact]
    public async Task AReaderThatStopsEarlyWithdrawsItsStreamAndRecordsNoTurn()
    {
        var served = fixture.Served();
        var c = await Chats.Start(fixture.Grains, "quitter");
        var updates = c.Chat("quitter", new ChatTurnRequest("Once upon a time", new SamplingOptions(MaxNewTokens: 400, Temperature: 1, Seed: 3)))
            .GetAsyncEnumerator();
        try
        {
            Assert.True(await updates.MoveNextAsync());
            Assert.NotNull(updates.Current.Token);
            fixture.Gate.Close();
            fixture.Gate.WaitUntilHeld(TimeSpan.FromSeconds(20));
            Assert.Equal(1, served.Load().ActiveStreams);
        }
        finally
        {
            await updates.DisposeAsync();
            fixture.Gate.Open();
        }

        await Eventually.True(() => served.Load().ActiveStreams == 0, "the abandoned stream leaving the batch");
        Assert.Empty((await c.Get("quitter")).Messages);
        var (_, done) = await Chats.Turn(c, "quitter", "Once upon a time", 4);
        Assert.Equal(0, done.PromptStart);
    }
}
