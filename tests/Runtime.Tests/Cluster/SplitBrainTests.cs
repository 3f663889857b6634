using Lens.Runtime.EventSourcing;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Cluster;

[Trait("Category", "Fault")]
public sealed class SplitBrainTests
{
    [Fact]
    public async Task ASecondActivationOfTheSameGrainCannotForkTheJournal()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2);
        var key = Clusters.Key("split");
        var legit = cluster.Client.GetGrain<IJournalTestGrain>(key);
        Assert.Equal(1, await legit.Append(1));
        var home = (await legit.WhoAmI()).SiloId;
        var other = cluster.Silos.First(s => s.Id != home);
        var rogue = await cluster.CreateRogueActivationAsync<IJournalTestGrain>(other, key);
        Assert.NotEqual((await legit.WhoAmI()).ActivationId, (await rogue.WhoAmI()).ActivationId);

        // Both activations believe the journal is at version 1. The first writer wins...
        Assert.Equal(2, await legit.Append(2));
        // ...and the stale one is refused by the conditional append.
        var refused = await Assert.ThrowsAsync<GrainCallException>(() => rogue.Append(3));
        Assert.Equal(GrainCallErrorKind.JournalConflict, refused.Kind);

        // The other way round: the rogue writes first, the registered activation is refused, then recovers by reloading.
        var rogue2 = await cluster.CreateRogueActivationAsync<IJournalTestGrain>(other, key);
        Assert.Equal(3, await rogue2.Append(30));
        var refused2 = await Assert.ThrowsAsync<GrainCallException>(() => legit.Append(4));
        Assert.Equal(GrainCallErrorKind.JournalConflict, refused2.Kind);
        Assert.Equal(4, await legit.Append(5));
        Assert.Equal([1, 2, 30, 5], await legit.GetValues());

        var journal = await cluster.Storage.Journals.ReadAsync($"journaltest/{key}", 0);
        Assert.Equal([1L, 2, 3, 4], journal.Entries.Select(e => e.Sequence));
        Assert.Equal([1L, 2, 30, 5], journal.Entries.Select(e => ((ValueAppended)JournalCodec.Decode(e.Payload)).Value));
    }
}
