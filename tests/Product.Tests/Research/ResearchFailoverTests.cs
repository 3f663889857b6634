using Lens.Analyses;
using Lens.GrainInterfaces.Research;
using Lens.Tests;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Lens.Product.Tests.Research;

/// <summary>Three silos, so that each test can kill one and still have two.</summary>
public sealed class ThreeSiloResearchCluster() : ResearchCluster(3);

/// <summary>
/// A silo is killed in the middle of a batch: the one computing the run, or the one holding the run's journal. The run
/// finishes elsewhere with results identical to the analysis over the whole dataset, having redone at most that batch.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ResearchFailoverTests(ThreeSiloResearchCluster cluster, ITestOutputHelper output) : IClassFixture<ThreeSiloResearchCluster>
{
    private const int Prompts = 24, BatchSize = 3, Batches = Prompts / BatchSize, KilledBatch = 3;

    [Fact]
    public async Task KillingTheSiloComputingARunResumesItElsewhereRedoingOnlyTheBatchInHand()
    {
        var (id, log, inFlight) = await StartHeldAtKilledBatch("compute");
        using (log)
        {
            var killedAt = log.Now;
            await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.ToString() == inFlight.Silo));
            log.Release(); // the dead silo's worker thread finds its silo stopping and hands in nothing

            // Nothing calls the run until it is back: only its reminder can bring its work back.
            var resumed = await log.First(e => e.At > killedAt && e.Silo != inFlight.Silo).WaitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"killed {inFlight.Silo} (computing) during batch {KilledBatch}; batch {resumed.Batch} started on {resumed.Silo} {(resumed.At - killedAt).TotalSeconds:0.00} s later");
            Assert.Equal(KilledBatch, resumed.Batch);
            Assert.True(resumed.At - killedAt < TimeSpan.FromSeconds(10), $"the run resumed {(resumed.At - killedAt).TotalSeconds:0.00} s after its silo was killed; expected under 10 s");
            await AssertCompletedAsIfUninterrupted(id, log);
            Assert.All(log.Executions.Where(e => e.At > killedAt), e => Assert.NotEqual(inFlight.Silo, e.Silo));
        }
    }

    [Fact]
    public async Task KillingTheSiloHoldingARunsJournalLosesAtMostTheBatchInHand()
    {
        // Placement is random: start runs until one's journal grain and its computing are on different silos.
        for (var attempt = 0; ; attempt++)
        {
            var (id, log, inFlight) = await StartHeldAtKilledBatch("journal");
            using (log)
            {
                var home = cluster.Cluster.TryGetGrainContext(cluster.Run(id).GetGrainId(), out var context) ? context?.Address.SiloAddress?.ToString() : null;
                if (home is null || home == inFlight.Silo)
                {
                    Assert.True(attempt < 20, $"20 runs all had their journal grain on the silo computing them ({home ?? "unknown"})");
                    log.Release();
                    await cluster.Finished(id);
                    continue;
                }
                var killedAt = log.Now;
                await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.ToString() == home));
                log.Release();

                var next = await log.First(e => e.At > killedAt && e.Batch > KilledBatch).WaitAsync(TimeSpan.FromSeconds(60));
                output.WriteLine($"killed {home} (journal) during batch {KilledBatch} on {inFlight.Silo}; batch {next.Batch} started {(next.At - killedAt).TotalSeconds:0.00} s later");
                Assert.True(next.At - killedAt < TimeSpan.FromSeconds(10), $"the run went on {(next.At - killedAt).TotalSeconds:0.00} s after its journal's silo was killed; expected under 10 s");
                await AssertCompletedAsIfUninterrupted(id, log);
                return;
            }
        }
    }

    private async Task<(string Id, ResearchBatchLog Log, ResearchBatchLog.Execution InFlight)> StartHeldAtKilledBatch(string name)
    {
        var dataset = cluster.Dataset("failover.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(Prompts)));
        var id = ResearchCluster.NewId(name);
        var log = new ResearchBatchLog(id);
        var held = log.Hold(KilledBatch);
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Kl, Model = ResearchModels.Stories, BaselineModel = ResearchModels.Perturbed, Dataset = dataset,
            Settings = new() { BatchSize = BatchSize },
        });
        var inFlight = await held.WaitAsync(TimeSpan.FromSeconds(60));
        var before = (await cluster.Run(id).Info())!;
        Assert.Equal((KilledBatch, ResearchRunStatus.Running, inFlight.Silo), (before.BatchesDone, before.Status, before.Silo));
        return (id, log, inFlight);
    }

    private async Task AssertCompletedAsIfUninterrupted(string id, ResearchBatchLog log)
    {
        var run = await cluster.WaitFor(id, r => r.IsFinished, TimeSpan.FromSeconds(120));
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        var executions = log.Executions;
        output.WriteLine($"executions: {string.Join(", ", executions.Select(e => $"{e.Batch}@{e.Silo}"))}");
        Assert.Equal(Enumerable.Range(0, Batches), executions.Select(e => e.Batch).Distinct().Order());
        Assert.True(executions.Count <= Batches + 1, $"{executions.Count} batch executions for {Batches} batches: more than one batch was redone");
        Assert.All(executions.Where(e => e.Batch != KilledBatch), e => Assert.Single(executions, x => x.Batch == e.Batch));

        using var model = ResearchModels.Load(ResearchModels.Stories);
        using var baseline = ResearchModels.Load(ResearchModels.Perturbed);
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        var ids = ResearchPrompts.Make(Prompts).Select(p => PromptRendering.Encode(codec, p)).ToList();
        using var reference = FirstTokenDistributions.Compute(baseline, ids, BatchSize);
        var (mean, perPrompt) = KlEvaluation.Run(model, ids, reference, BatchSize);
        var results = (await cluster.Run(id).Results()).Kl!;
        Assert.Equal(perPrompt, results.PerPrompt.Select(p => p.Kl));
        Assert.Equal(mean, results.Mean);
    }
}
