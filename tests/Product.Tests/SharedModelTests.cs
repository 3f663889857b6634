using Lens.GrainInterfaces.Models;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;
using Lens.Product.Tests.Research;
using Lens.Tests;

namespace Lens.Product.Tests;

/// <summary>On a silo that both serves chat and runs research, the two use one copy of each model's weights.</summary>
public sealed class SharedModelTests(ServingAndResearchCluster cluster) : IClassFixture<ServingAndResearchCluster>
{
    [Fact]
    public async Task AChatAndAResearchRunOnTheSameModelUseOneTransformerLoadedOnce()
    {
        var models = cluster.Service<LoadedModels>();
        Assert.DoesNotContain(ProductCluster.Model, models.Loaded);
        var loadsBefore = models.Loads; // other tests of this class load another model

        var conversation = await Chats.Start(cluster.Grains, "alice");
        var (streamed, _) = await Chats.Turn(conversation, "alice", "Once upon a time", maxNewTokens: 6);
        Assert.NotEmpty(streamed);
        await CompletedRefusal("shared", ProductCluster.Model, batchSize: 6, maxNewTokens: 4);

        Assert.Equal(loadsBefore + 1, models.Loads);
        using var lease = models.Rent(ProductCluster.Model); // what the run's planner and job rented
        Assert.Same(cluster.Service<LocalModels>().Get(ProductCluster.Model).Model, lease.Model.Transformer);
        Assert.Equal(loadsBefore + 1, models.Loads);
    }

    [Fact]
    public async Task AMissingModelFolderGivesChatAndResearchTheSameClearError()
    {
        var chat = await Assert.ThrowsAsync<ModelUnavailableException>(() => ModelGrain(ServingAndResearchCluster.Missing).Describe());
        var research = await Assert.ThrowsAsync<ModelUnavailableException>(() => StartRefusal(ServingAndResearchCluster.Missing));
        var expected = $"model 'missing' is unavailable: no model folder or .bin file at {Path.Combine(cluster.DataDirectory, "no-such-weights")} on this silo";
        Assert.Equal(expected, chat.Message);
        Assert.Equal(expected, research.Message);
    }

    [Fact]
    public async Task ABadModelFolderGivesBothPathsTheCauseAndLoadsOnceItIsFixed()
    {
        var chat = await Assert.ThrowsAsync<ModelUnavailableException>(() => ModelGrain(ServingAndResearchCluster.Fixable).Describe());
        var research = await Assert.ThrowsAsync<ModelUnavailableException>(() => StartRefusal(ServingAndResearchCluster.Fixable));
        Assert.StartsWith($"model 'fixable' is unavailable: loading {cluster.FixableFolder} failed: ", chat.Message);
        Assert.Contains("config.json", chat.Message);
        Assert.Equal(chat.Message, research.Message);

        foreach (var file in Directory.GetFiles(TestPaths.Stories260KHf)) File.Copy(file, Path.Combine(cluster.FixableFolder, Path.GetFileName(file)));
        var described = await ModelGrain(ServingAndResearchCluster.Fixable).Describe();
        Assert.True(described.Loaded);
        await CompletedRefusal("fixed", ServingAndResearchCluster.Fixable, batchSize: 12, maxNewTokens: 2);
        Assert.Contains(ServingAndResearchCluster.Fixable, cluster.Service<LoadedModels>().Loaded);
    }

    [Fact]
    public async Task AModelLoadedOnlyByAResearchRunIsReportedLoaded()
    {
        var models = cluster.Service<LocalModels>();
        Assert.False(Reported(models, ServingAndResearchCluster.ResearchOnly).Loaded);
        await CompletedRefusal("research-only", ServingAndResearchCluster.ResearchOnly, batchSize: 12, maxNewTokens: 2);

        var reported = Reported(models, ServingAndResearchCluster.ResearchOnly);
        Assert.True(reported.Loaded, "the directory should see the weights research loaded");
        Assert.Equal(5, reported.Layers);
    }

    private static ModelDescription Reported(LocalModels models, string name) => models.Report("silo").Models.Single(m => m.Name == name);

    private IModelGrain ModelGrain(string model) => cluster.Grains.GetGrain<IModelGrain>(ModelGrainKey.Format(model, 0));

    private Task<ResearchRunInfo> StartRefusal(string model, string id = "bad", int batchSize = 12, int maxNewTokens = 2) =>
        cluster.Run(ResearchCluster.NewId(id)).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Refusal, Model = model, Dataset = "prompts_harmful.txt",
            Settings = new ResearchSettings { BatchSize = batchSize, MaxNewTokens = maxNewTokens },
        });

    private async Task CompletedRefusal(string id, string model, int batchSize, int maxNewTokens)
    {
        var started = await StartRefusal(model, id, batchSize, maxNewTokens);
        var run = await cluster.Finished(started.Id);
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
    }
}
