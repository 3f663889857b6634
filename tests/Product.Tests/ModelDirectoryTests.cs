using Lens.GrainInterfaces.Models;

namespace Lens.Product.Tests;

[Collection(nameof(TwoSiloCluster))]
public sealed class ModelDirectoryTests(TwoSiloCluster fixture)
{
    [Fact]
    public async Task EverySiloHoldingTheModelIsListedAndConversationsSpreadOverReplicas()
    {
        var directory = fixture.Grains.GetGrain<IModelDirectoryGrain>(0);
        await Eventually.True(() => directory.Read().GetAwaiter().GetResult().Reports.Length == 2, "both silos reporting");
        var view = await directory.Read();
        Assert.Equal(2, view.ActiveSilos.Length);
        var (model, silos) = Assert.Single(view.Models(), m => m.Model.Name == ProductCluster.Model);
        Assert.Equal(view.ActiveSilos, silos.Order(StringComparer.Ordinal));
        Assert.Equal((5, 64, 512), (model.Layers, model.Hidden, model.ContextLength)); // read from config.json before any load

        // Conversations hash onto the model's replicas; each replica is one grain that Orleans places on a silo.
        var conversations = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Chats.Start(fixture.Grains, $"spread{i}")));
        var replicas = conversations.Select(c => ModelGrainKey.ForConversation(ProductCluster.Model, c.GetPrimaryKey(), 4)).Distinct().Count();
        Assert.True(replicas > 1, "eight conversations all hashed onto one replica");
        var turns = await Task.WhenAll(conversations.Select((c, i) => Chats.Turn(c, $"spread{i}", "Once upon a time", 6)));
        Assert.All(turns, t => Assert.True(t.Done.ResponseEnd > t.Done.ResponseStart));
    }

    [Fact]
    public void ReplicaKeysNameTheirModel()
    {
        Assert.Equal("stories260K#3", ModelGrainKey.Format("stories260K", 3));
        Assert.Equal("org/model@main", ModelGrainKey.ModelName(ModelGrainKey.Format("org/model@main", 0)));
        Assert.Equal("plain", ModelGrainKey.ModelName("plain"));
        var id = Guid.NewGuid();
        Assert.Equal(ModelGrainKey.ForConversation("m", id, 4), ModelGrainKey.ForConversation("m", id, 4));
    }
}
