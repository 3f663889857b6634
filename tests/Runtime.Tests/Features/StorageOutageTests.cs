using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

[Trait("Category", "Fault")]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task JournalOutageFailsCallsClearlyCorruptsNothingAndRecovers()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2);
        var key = Clusters.Key("outage");
        var grain = cluster.Client.GetGrain<IJournalTestGrain>(key);
        for (var v = 1; v <= 3; v++) await grain.Append(v);

        foreach (var silo in cluster.Silos)
        {
            silo.Faults.OutageOperations.Add("AppendAsync");
            silo.Faults.Outage = true;
        }
        var error = await Assert.ThrowsAsync<GrainCallException>(() => grain.Append(4));
        Assert.Equal(GrainCallErrorKind.StorageUnavailable, error.Kind);
        Assert.Contains("Storage unavailable", error.Message, StringComparison.Ordinal);

        foreach (var silo in cluster.Silos) silo.Faults.Outage = false;
        Assert.Equal(4, await grain.Append(5));
        Assert.Equal([1, 2, 3, 5], await grain.GetValues());
        Assert.Equal(4, (await cluster.Storage.Journals.ReadAsync($"journaltest/{key}", 0)).Version);
    }

    [Fact]
    public async Task AnOutageLongerThanTheMembershipLeaseDoesNotMakeTheSilosDeclareEachOtherDead()
    {
        await using var cluster = await Clusters.StartAsync(silos: 3);
        var key = Clusters.Key("lease");
        var grain = cluster.Client.GetGrain<IJournalTestGrain>(key);
        await grain.Append(1);
        var silos = cluster.Silos;

        foreach (var silo in silos) silo.Faults.Outage = true;
        await Task.Delay(TimeSpan.FromSeconds(4.5)); // the scenario itself: storage gone for longer than the 3 s lease
        foreach (var silo in silos) silo.Faults.Outage = false;

        await cluster.WaitForViewsToConvergeAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, cluster.Silos.Count);
        Assert.Equal(2, await grain.Append(2));
        var table = await cluster.Storage.Membership.ReadAllAsync();
        Assert.True(table.Entries.All(e => e.Row.Status == Lens.Runtime.Storage.SiloStatus.Active),
            $"expected every silo active after the outage, table says [{string.Join(", ", table.Entries.Select(e => $"{e.Row.SiloId}={e.Row.Status}"))}]");
    }
}
