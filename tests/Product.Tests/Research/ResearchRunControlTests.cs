using Lens.GrainInterfaces.Models;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Research;

namespace Lens.Product.Tests.Research;

/// <summary>Cancelling, refusing bad runs with messages that name the field, and failing a run whose dataset changed.</summary>
[Collection(nameof(TwoSiloResearchCluster))]
public sealed class ResearchRunControlTests(TwoSiloResearchCluster cluster)
{
    [Fact]
    public async Task CancelStopsTheRunAfterTheBatchInHandAndKeepsWhatWasDone()
    {
        var dataset = cluster.Dataset("cancel-prompts.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(12)));
        var id = ResearchCluster.NewId("cancel");
        using var log = new ResearchBatchLog(id);
        var held = log.Hold(1);
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Refusal, Model = ResearchModels.Stories, Dataset = dataset, Settings = new() { BatchSize = 3, MaxNewTokens = 4 },
        });
        await held.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ResearchRunStatus.Running, (await cluster.Run(id).Info())!.Status);

        var cancelled = await cluster.Run(id).Cancel();
        log.Release();
        Assert.Equal((ResearchRunStatus.Cancelled, 1, 3, 0.0), (cancelled.Status, cancelled.BatchesDone, cancelled.Done, cancelled.EtaSeconds));
        Assert.NotNull(cancelled.Finished);

        // Absence takes waiting: two resume periods in which nothing may start or land.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var after = (await cluster.Run(id).Info())!;
        Assert.Equal((ResearchRunStatus.Cancelled, 1), (after.Status, after.BatchesDone));
        Assert.DoesNotContain(log.Executions, e => e.Batch > 1);
        var results = await cluster.Run(id).Results();
        Assert.Equal((ResearchRunStatus.Cancelled, 3, 12, 3), (results.Status, results.Done, results.Total, results.Refusal!.PerPrompt.Count));
        Assert.Equal(ResearchRunStatus.Cancelled, (await cluster.Run(id).Cancel()).Status);
    }

    [Fact]
    public async Task UnknownRunsAreNotFound()
    {
        var run = cluster.Run(ResearchCluster.NewId("nobody"));
        Assert.Null(await run.Info());
        Assert.Contains("no research run has the id", (await Assert.ThrowsAsync<KeyNotFoundException>(() => run.Results())).Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => run.Cancel());
    }

    public static TheoryData<string, string> BadRuns => new()
    {
        { "no kind", "kind is required: kl, refusal, mmlu or capture" },
        { "no model", "model is required: a model the silos hold" },
        { "kl without baseline", "baseline_model is required for a kl run" },
        { "baseline on refusal", "baseline_model applies to kl runs only, not refusal" },
        { "no dataset", "dataset is required: a file in " },
        { "missing dataset", "dataset 'missing.csv' was not found in " },
        { "dataset outside", "dataset '../outside.txt' is outside the dataset folders" },
        { "batch size 0", "settings.batch_size must be at least 1, got 0" },
        { "shots on kl", "settings.shots applies to mmlu runs only, not kl" },
        { "markers on mmlu", "settings.refusal_markers applies to refusal runs only, not mmlu" },
        { "empty marker", "settings.refusal_markers must be a non-empty list of non-empty phrases" },
        { "unknown detail", "settings.detail must be summary, attention_only, top_heads or full, got 'everything'" },
        { "tokens on mmlu", "settings.max_new_tokens applies to refusal and capture runs only, not mmlu" },
        { "negative limit", "settings.limit must be at least 1, got -2" },
        { "missing column", "dataset 'texts.csv': " },
        { "short row", "line 3 has 1 fields; the header has 2 (id, prompt)" },
        { "bad answer", "line 2, column 'answer' is 5 (F), but the question has 4 choices" },
        { "prompt beyond context", "item 1 is " },
        { "bad id", "run id 'a/b' must be 1 to 64 letters, digits, '-' or '_'" },
    };

    [Theory]
    [MemberData(nameof(BadRuns))]
    public async Task BadRunsAreRefusedNamingWhatIsWrong(string name, string message)
    {
        cluster.Dataset("texts.csv", "id,text\n1,hello\n");
        cluster.Dataset("short-row.csv", "id,prompt\n1,hello\n2\n");
        cluster.Dataset("bad-answer.csv", "subject,question,A,B,C,D,answer\nmath,1+1?,1,2,3,4,5\n");
        cluster.Dataset("long.jsonl", ResearchPrompts.Jsonl(["short", string.Concat(Enumerable.Repeat("a long story goes on ", 200))]));
        File.WriteAllText(Path.Combine(cluster.DatasetFolder, "..", "outside.txt"), "not for runs\n");
        var prompts = cluster.Dataset("prompts.txt", "Once upon a time\n");
        var kl = new ResearchRunSpec { Kind = ResearchRunKind.Kl, Model = ResearchModels.Stories, BaselineModel = ResearchModels.Perturbed, Dataset = prompts };
        var refusal = new ResearchRunSpec { Kind = ResearchRunKind.Refusal, Model = ResearchModels.Stories, Dataset = prompts };
        var mmlu = new ResearchRunSpec { Kind = ResearchRunKind.Mmlu, Model = ResearchModels.Stories, Dataset = "mmlu_sample.jsonl", Settings = new() { Shots = 1 } };
        var (id, spec) = name switch
        {
            "no kind" => (null, refusal with { Kind = null }),
            "no model" => (null, refusal with { Model = null }),
            "kl without baseline" => (null, kl with { BaselineModel = null }),
            "baseline on refusal" => (null, refusal with { BaselineModel = ResearchModels.Perturbed }),
            "no dataset" => (null, refusal with { Dataset = null }),
            "missing dataset" => (null, refusal with { Dataset = "missing.csv" }),
            "dataset outside" => (null, refusal with { Dataset = "../outside.txt" }),
            "batch size 0" => (null, refusal with { Settings = new() { BatchSize = 0 } }),
            "shots on kl" => (null, kl with { Settings = new() { Shots = 2 } }),
            "markers on mmlu" => (null, mmlu with { Settings = new() { RefusalMarkers = ["no"] } }),
            "empty marker" => (null, refusal with { Settings = new() { RefusalMarkers = ["sorry", " "] } }),
            "unknown detail" => (null, refusal with { Kind = ResearchRunKind.Capture, Settings = new() { Detail = "everything" } }),
            "tokens on mmlu" => (null, mmlu with { Settings = new() { MaxNewTokens = 3 } }),
            "negative limit" => (null, refusal with { Settings = new() { Limit = -2 } }),
            "missing column" => (null, refusal with { Dataset = "texts.csv" }),
            "short row" => (null, refusal with { Dataset = "short-row.csv" }),
            "bad answer" => (null, mmlu with { Dataset = "bad-answer.csv" }),
            "prompt beyond context" => (null, kl with { Dataset = "long.jsonl" }),
            "bad id" => ("a/b", refusal),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name),
        };
        id ??= ResearchCluster.NewId("bad");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Run(id).Start("alice", spec));
        Assert.Contains(message, error.Message);
        if (name == "missing column") Assert.EndsWith("texts.csv: no column 'prompt' (columns: id, text)", error.Message);
        if (name == "prompt beyond context") Assert.Contains("beyond the model's context of 512", error.Message);
        Assert.Null(await cluster.Run(id).Info());
    }

    [Fact]
    public async Task AModelNoSiloHoldsIsUnavailableNamingWhatTheSilosHold()
    {
        var dataset = cluster.Dataset("unheld.txt", "Once upon a time\n");
        var id = ResearchCluster.NewId("unheld");
        var spec = new ResearchRunSpec { Kind = ResearchRunKind.Kl, Model = "gpt-17", BaselineModel = ResearchModels.Perturbed, Dataset = dataset };
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => cluster.Run(id).Start("alice", spec));
        Assert.StartsWith("model 'gpt-17' is unavailable: no live silo holds it; the ", error.Message);
        Assert.EndsWith("live silo(s) hold: stories260K, stories260K-hub, stories260K-perturbed", error.Message);
        error = await Assert.ThrowsAsync<ModelUnavailableException>(() => cluster.Run(id).Start("alice", spec with { Model = ResearchModels.Stories, BaselineModel = "gpt-17" }));
        Assert.EndsWith("; a kl run needs its model and baseline_model on one silo", error.Message);
        Assert.Null(await cluster.Run(id).Info());
    }

    [Fact]
    public async Task StartingAnIdTwiceIsRefused()
    {
        var dataset = cluster.Dataset("twice.txt", "Once upon a time\n");
        var spec = new ResearchRunSpec { Kind = ResearchRunKind.Refusal, Model = ResearchModels.Stories, Dataset = dataset, Settings = new() { MaxNewTokens = 2 } };
        var id = ResearchCluster.NewId("twice");
        await cluster.Run(id).Start("alice", spec);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Run(id).Start("bob", spec));
        Assert.Equal($"research run '{id}' already exists", error.Message);
        Assert.Equal("alice", (await cluster.Finished(id)).Owner);
    }

    [Fact]
    public async Task ARunWhoseDatasetChangedFailsWhenItResumesSayingSo()
    {
        var dataset = cluster.Dataset("changing.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(9)));
        var id = ResearchCluster.NewId("changed");
        using var log = new ResearchBatchLog(id);
        var held = log.Hold(1);
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Kl, Model = ResearchModels.Stories, BaselineModel = ResearchModels.Perturbed, Dataset = dataset, Settings = new() { BatchSize = 3 },
        });
        await held.WaitAsync(TimeSpan.FromSeconds(60));
        cluster.Dataset("changing.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(10)));

        // Deactivating the worker drops the held batch; the run's reminder finds it idle and starts a new one, which re-reads the dataset.
        var deactivated = cluster.Cluster.DeactivateAsync(cluster.Grains.GetGrain<IResearchWorkerGrain>(IResearchWorkerGrain.Key(ResearchModels.Stories, id)));
        log.Release();
        await deactivated;
        var run = await cluster.Finished(id);

        Assert.Equal(ResearchRunStatus.Failed, run.Status);
        Assert.StartsWith("dataset 'changing.jsonl' changed since the run started (its SHA-256 is no longer ", run.Error);
        Assert.Equal(1, run.BatchesDone);
    }
}
