using Lens.Cluster.Tests.Grains;
using Lens.Cluster.Tests.Support;

namespace Lens.Cluster.Tests.Cluster;

public sealed class SingleActivationTests
{
    [Fact]
    public async Task AHundredConcurrentCallersOfTenGrainsFromEverySiloCreateExactlyTenActivations()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 3);
        var keys = Enumerable.Range(0, 10).Select(i => TestClusters.Key($"single{i}")).ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 100).Select(caller => Task.Run(async () =>
        {
            await go.Task;
            var grains = caller % 4 == 3 ? cluster.Client : cluster.Silos[caller % 3].Grains();
            return await Task.WhenAll(keys.Select(async key =>
            {
                var grain = grains.GetGrain<ICounterGrain>(key);
                var count = await grain.Increment();
                return (Key: key, Who: await grain.WhoAmI(), Count: count);
            }));
        })).ToList();
        go.SetResult();
        var results = (await Task.WhenAll(callers).Within(TimeSpan.FromSeconds(90), "1000 concurrent first calls")).SelectMany(r => r).ToList();

        Assert.Equal(1000, results.Count);
        var live = cluster.LiveSilos();
        foreach (var key in keys)
        {
            var served = results.Where(r => r.Key == key).Select(r => r.Who.ActivationId).Distinct().ToList();
            Assert.True(served.Count == 1, $"grain {key}: expected 1 activation serving calls, saw {served.Count}");
            var activations = LiveActivations.Of(key, live);
            Assert.True(activations.Count == 1, $"grain {key}: expected 1 live activation on the silos, found {activations.Count}");
            Assert.True(results.Where(r => r.Key == key).Max(r => r.Count) == 100, $"grain {key}: its one activation should have counted all 100 calls");
        }
        Assert.Equal(10, keys.Sum(k => LiveActivations.Of(k, live).Count));
    }
}
