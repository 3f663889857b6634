using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Cluster;

public sealed class SingleActivationTests
{
    [Fact]
    public async Task ConcurrentFirstCallsFromAllSilosCreateExactlyOneActivationPerGrain()
    {
        await using var cluster = await Clusters.StartAsync(silos: 3);
        var silos = cluster.Silos;
        var keys = Enumerable.Range(0, 10).Select(i => Clusters.Key($"single{i}")).ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 100).Select(caller => Task.Run(async () =>
        {
            await go.Task;
            IGrainFactory factory = caller % 4 == 3 ? cluster.Client : silos[caller % silos.Count].GrainFactory;
            return await Task.WhenAll(keys.Select(async key =>
                (Key: key, Who: await factory.GetGrain<IJournalTestGrain>(key).WhoAmI(), Version: await factory.GetGrain<IJournalTestGrain>(key).Append(caller))));
        })).ToList();
        go.SetResult();
        var results = (await Task.WhenAll(callers).Within(TimeSpan.FromSeconds(90), "1000 concurrent first calls")).SelectMany(r => r).ToList();

        Assert.Equal(1000, results.Count);
        foreach (var key in keys)
        {
            var served = results.Where(r => r.Key == key).Select(r => r.Who.ActivationId).Distinct().ToList();
            Assert.True(served.Count == 1, $"grain {key}: expected 1 activation serving calls, saw {served.Count}");
            var grainId = new GrainId("journaltest", key);
            Assert.True(cluster.CountActivations(grainId) == 1, $"grain {key}: expected 1 activation in the catalogs, found {cluster.CountActivations(grainId)}");
            var journal = await cluster.Storage.Journals.ReadAsync(grainId.ToString(), 0);
            Assert.True(journal.Version == 100, $"grain {key}: expected 100 events, journal has {journal.Version}");
        }
        var total = silos.Sum(s => s.ActivationIds.Count(id => id.Type == "journaltest" && keys.Contains(id.Key)));
        Assert.Equal(10, total);
    }
}
