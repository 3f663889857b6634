using Lens.Analyses;
using Lens.GrainInterfaces.Research;
using Lens.Tests;
using Xunit.Abstractions;

namespace Lens.Product.Tests.Research;

/// <summary>Three silos; the one computing a run is killed mid-batch.</summary>
public sealed class ThreeSiloResearchCluster() : ResearchCluster(3);

[Trait("Category", "Fault")]
public sealed class ResearchFailoverTests(ThreeSiloResearchCluster cluster, ITestOutputHelper output) : IClassFixture<ThreeSiloResearchCluster>
{
    [Fact]
    public async Task KillingTheRunsSiloMidBatchResumesItElsewhereRedoingOnlyThatBatch()
    {
        const int prompts = 24, batchSize = 3, killedBatch = 3;
        var texts = ResearchPrompts.Make(prompts);
        var dataset = cluster.Dataset("failover.jsonl", ResearchPrompts.Jsonl(texts));
        var id = ResearchCluster.NewId("failover");
        using var log = new ResearchBatchLog(id);
        var held = log.Hold(killedBatch);
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Kl, Model = ResearchModels.Stories, BaselineModel = ResearchModels.Perturbed, Dataset = dataset,
            Settings = new() { BatchSize = batchSize },
        });

        var inFlight = await held.WaitAsync(TimeSpan.FromSeconds(60));
        var victim = cluster.Cluster.Silos.Single(s => s.SiloAddress.ToString() == inFlight.Silo);
        var before = (await cluster.Run(id).Info())!;
        Assert.Equal((killedBatch, ResearchRunStatus.Running), (before.BatchesDone, before.Status));

        var killedAt = log.Now;
        await cluster.Cluster.KillSiloAsync(victim);
        log.Release(); // the dead silo's worker thread finds its silo stopping and checkpoints nothing

        // No call reaches the run until it is back: only its reminder can bring it back.
        var resumed = await log.First(e => e.At > killedAt && e.Silo != inFlight.Silo).WaitAsync(TimeSpan.FromSeconds(60));
        var run = await cluster.WaitFor(id, r => r.IsFinished, TimeSpan.FromSeconds(120));
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        var executions = log.Executions;
        output.WriteLine($"killed {inFlight.Silo} during batch {killedBatch}; batch {resumed.Batch} started on {resumed.Silo} {(resumed.At - killedAt).TotalSeconds:0.00} s later");
        output.WriteLine($"executions: {string.Join(", ", executions.Select(e => $"{e.Batch}@{e.Silo[..Math.Min(e.Silo.Length, 15)]}"))}");

        Assert.Equal(killedBatch, resumed.Batch);
        Assert.NotEqual(inFlight.Silo, run.Silo);
        Assert.True(resumed.At - killedAt < TimeSpan.FromSeconds(10), $"the run resumed {(resumed.At - killedAt).TotalSeconds:0.00} s after its silo was killed; expected under 10 s");
        Assert.Equal(Enumerable.Range(0, prompts / batchSize), executions.Select(e => e.Batch).Distinct().Order());
        Assert.True(executions.Count <= prompts / batchSize + 1, $"{executions.Count} batch executions for {prompts / batchSize} batches: more than one batch was redone");
        Assert.Equal(2, executions.Count(e => e.Batch == killedBatch));

        using var model = ResearchModels.Load(ResearchModels.Stories);
        using var baseline = ResearchModels.Load(ResearchModels.Perturbed);
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        var ids = texts.Select(p => PromptRendering.Encode(codec, p)).ToList();
        using var reference = FirstTokenDistributions.Compute(baseline, ids, batchSize);
        var (mean, perPrompt) = KlEvaluation.Run(model, ids, reference, batchSize);
        var results = (await cluster.Run(id).Results()).Kl!;
        Assert.Equal(perPrompt, results.PerPrompt.Select(p => p.Kl));
        Assert.Equal(mean, results.Mean);
    }
}
