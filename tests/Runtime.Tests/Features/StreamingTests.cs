using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

public sealed class StreamingTests
{
    [Fact]
    public async Task StreamingMethodDeliversItemsInOrderFromAnySilo()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var key = Clusters.Key("stream");
        foreach (var factory in new IGrainFactory[] { cluster.Client, cluster.Silos[0].GrainFactory, cluster.Silos[1].GrainFactory })
        {
            var items = new List<int>();
            await foreach (var item in factory.GetGrain<IUtilityGrain>(key).Count(50, 0, CancellationToken.None)) items.Add(item);
            Assert.Equal(Enumerable.Range(0, 50), items);
        }
    }

    [Fact]
    public async Task StreamItemsArriveBeforeTheStreamEnds()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false);
        var grain = cluster.Client.GetGrain<IUtilityGrain>(Clusters.Key("tokens"));
        var started = DateTime.UtcNow;
        await foreach (var item in grain.Count(10, 200, CancellationToken.None))
        {
            var elapsed = DateTime.UtcNow - started;
            Assert.True(elapsed < TimeSpan.FromMilliseconds(1500), $"first item arrived after {elapsed.TotalMilliseconds:0} ms; the stream should not be buffered until its end (2 s)");
            break;
        }
    }
}
