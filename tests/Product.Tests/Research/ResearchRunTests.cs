using System.IO.Compression;
using System.Text.Json;
using Lens.Analyses;
using Lens.GrainInterfaces.Research;
using Lens.Tests;

namespace Lens.Product.Tests.Research;

/// <summary>
/// Research runs in a real two-silo cluster give exactly what the analyses give when run directly over the whole
/// dataset, keep their pinned settings, and export their results.
/// </summary>
[Collection(nameof(TwoSiloResearchCluster))]
public sealed class ResearchRunTests(TwoSiloResearchCluster cluster)
{
    [Fact]
    public async Task KlRunEqualsKlEvaluationOverTheWholeDataset()
    {
        var prompts = ResearchPrompts.Make(10);
        var dataset = cluster.Dataset("kl-prompts.jsonl", ResearchPrompts.Jsonl(prompts));
        var id = ResearchCluster.NewId("kl");
        var started = await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Kl, Model = ResearchModels.Stories, BaselineModel = ResearchModels.Perturbed, Dataset = dataset,
            Settings = new ResearchSettings { BatchSize = 4 },
        });
        Assert.Equal((10, 3, ResearchRunKind.Kl), (started.Total, started.Batches, started.Kind));
        Assert.Equal(new ResearchSettings { BatchSize = 4, PromptColumn = "prompt" }, started.Settings);

        var run = await cluster.Finished(id);
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        Assert.Equal((10, 3, 0.0), (run.Done, run.BatchesDone, run.EtaSeconds));
        var results = (await cluster.Run(id).Results()).Kl!;

        using var model = ResearchModels.Load(ResearchModels.Stories);
        using var baseline = ResearchModels.Load(ResearchModels.Perturbed);
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        var ids = prompts.Select(p => PromptRendering.Encode(codec, p)).ToList();
        using var reference = FirstTokenDistributions.Compute(baseline, ids, batchSize: 4);
        var (mean, perPrompt) = KlEvaluation.Run(model, ids, reference, batchSize: 4);

        Assert.Equal(perPrompt, results.PerPrompt.Select(p => p.Kl));
        Assert.Equal(prompts, results.PerPrompt.Select(p => p.Prompt));
        Assert.Equal(mean, results.Mean);
        Assert.True(mean > 1e-4, $"the perturbed baseline should differ from the model; mean KL {mean}");
        var sorted = perPrompt.Order().ToArray();
        Assert.Equal((sorted[4] + sorted[5]) / 2, results.Median);
    }

    [Fact]
    public async Task RefusalRunEqualsRefusalEvaluationOnTheBuiltInPrompts()
    {
        var id = ResearchCluster.NewId("refusal");
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Refusal, Model = ResearchModels.Stories, Dataset = "prompts_harmful.txt",
            Settings = new ResearchSettings { BatchSize = 5, MaxNewTokens = 12 },
        });
        var run = await cluster.Finished(id);
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        Assert.Equal(RefusalMarkers.DefaultList, run.Settings.RefusalMarkers);
        var results = (await cluster.Run(id).Results()).Refusal!;

        using var model = ResearchModels.Load(ResearchModels.Stories);
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        var prompts = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "prompts_harmful.txt")).Where(l => l.Trim().Length > 0).ToList();
        var (rate, outcomes) = RefusalEvaluation.Run(model, codec, prompts, 12, RefusalMarkers.Default, batchSize: 5);

        Assert.Equal(outcomes.Select(o => (o.Prompt, o.Response, o.Refused)), results.PerPrompt.Select(v => (v.Prompt, v.Response, v.Refused)));
        Assert.Equal(rate, results.Rate);
        Assert.Equal(12, results.PerPrompt.Count);
    }

    [Fact]
    public async Task MmluRunEqualsMmluEvaluationPerSubjectAndOverall()
    {
        var id = ResearchCluster.NewId("mmlu");
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Mmlu, Model = ResearchModels.Stories, Dataset = "mmlu_sample.jsonl",
            Settings = new ResearchSettings { BatchSize = 5, Shots = 1 },
        });
        var run = await cluster.Finished(id);
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        var results = (await cluster.Run(id).Results()).Mmlu!;

        using var model = ResearchModels.Load(ResearchModels.Stories);
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        var report = MmluEvaluation.Run(model, codec, MmluDataset.Read(Path.Combine(AppContext.BaseDirectory, "Data", "mmlu_sample.jsonl")), shots: 1, batchSize: 5);

        Assert.Equal((report.Correct, report.Total, report.Accuracy), (results.Correct, results.Total, results.Accuracy));
        Assert.Equal(report.BySubject.Select(s => (s.Key, s.Value.Correct, s.Value.Total)), results.Subjects.Select(s => (s.Subject, s.Correct, s.Total)));
        Assert.Equal(12, results.PerItem.Count);
    }

    [Fact]
    public async Task CaptureRunWritesTheStoresResearchCaptureWritesAndExportsThem()
    {
        var prompts = ResearchPrompts.Make(3);
        var dataset = cluster.Dataset("capture-prompts.jsonl", ResearchPrompts.Jsonl(prompts));
        var id = ResearchCluster.NewId("capture");
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Capture, Model = ResearchModels.Stories, Dataset = dataset,
            Settings = new ResearchSettings { BatchSize = 2, MaxNewTokens = 6, Detail = "attention_only" },
        });
        var run = await cluster.Finished(id);
        Assert.True(run.Status == ResearchRunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        var results = (await cluster.Run(id).Results()).Capture!;
        var zip = new ZipArchive(new MemoryStream(await Export(id)));

        using var model = ResearchModels.Load(ResearchModels.Stories);
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        for (var i = 0; i < prompts.Count; i++)
        {
            var store = Path.Combine(TestPaths.TempFolder("direct-capture"), "s.zarr");
            var direct = ResearchCapture.Run(model, PromptRendering.Encode(codec, prompts[i]),
                new ResearchCaptureOptions(6, CaptureDetail.AttentionOnly, MirrorJson: false), store, codec.TokenText);
            var outcome = results.PerPrompt[i];
            Assert.Equal((direct.Steps, direct.StoreBytes, $"capture/0000{i}.zarr"), (outcome.Steps, outcome.StoreBytes, outcome.Store));
            Assert.Equal(direct.Tokens, outcome.Tokens);
            foreach (var file in Directory.GetFiles(store, "*", SearchOption.AllDirectories))
            {
                var entry = outcome.Store + "/" + Path.GetRelativePath(store, file);
                var exported = zip.GetEntry(entry) ?? throw new Xunit.Sdk.XunitException($"the export lacks {entry}");
                using var copy = new MemoryStream();
                await exported.Open().CopyToAsync(copy);
                Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(copy.ToArray()), $"{entry} differs from the store ResearchCapture wrote");
            }
        }
        Assert.Equal(results.PerPrompt.Sum(p => p.Steps), results.Steps);
    }

    [Fact]
    public async Task ExportHoldsTheRunItsResultsAndACsvRowPerPrompt()
    {
        var prompts = ResearchPrompts.Make(5).Select((p, i) => i == 2 ? "She said, \"hello\",\nthen left" : p).ToList();
        var dataset = cluster.Dataset("export-prompts.jsonl", ResearchPrompts.Jsonl(prompts));
        var id = ResearchCluster.NewId("export");
        await cluster.Run(id).Start("alice", new ResearchRunSpec
        {
            Kind = ResearchRunKind.Kl, Model = ResearchModels.Stories, BaselineModel = ResearchModels.Perturbed, Dataset = dataset,
            Settings = new ResearchSettings { BatchSize = 2 },
        });
        Assert.Equal(ResearchRunStatus.Completed, (await cluster.Finished(id)).Status);
        var results = (await cluster.Run(id).Results()).Kl!;

        var zip = new ZipArchive(new MemoryStream(await Export(id)));
        Assert.Equal(["results.csv", "results.json", "run.json"], zip.Entries.Select(e => e.FullName).Order());
        using var run = JsonDocument.Parse(zip.GetEntry("run.json")!.Open());
        Assert.Equal(id, run.RootElement.GetProperty("id").GetString());
        Assert.Equal("completed", run.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, run.RootElement.GetProperty("settings").GetProperty("batch_size").GetInt32());
        using var json = JsonDocument.Parse(zip.GetEntry("results.json")!.Open());
        Assert.Equal(results.Mean, json.RootElement.GetProperty("kl").GetProperty("mean").GetDouble());

        // The CSV reads back through the project's own CSV reader: quoting and the line break survive.
        var csv = Path.Combine(TestPaths.TempFolder("export-csv"), "results.csv");
        zip.GetEntry("results.csv")!.ExtractToFile(csv);
        var table = DatasetTable.Read(csv);
        Assert.Equal(["index", "prompt", "kl"], table.Columns);
        Assert.Equal(prompts, table.Rows.Select(r => r.Text("prompt")));
        Assert.Equal(results.PerPrompt.Select(p => p.Kl), table.Rows.Select(r => double.Parse(r.Text("kl"), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task RunsAreListedUnderTheirOwnerAndUnderAll()
    {
        var dataset = cluster.Dataset("index-prompts.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(2)));
        var spec = new ResearchRunSpec { Kind = ResearchRunKind.Refusal, Model = ResearchModels.Stories, Dataset = dataset, Settings = new() { MaxNewTokens = 2 } };
        var (carol, dave) = (ResearchCluster.NewId("carol"), ResearchCluster.NewId("dave"));
        await cluster.Run(carol).Start("carol", spec);
        await cluster.Run(dave).Start("dave", spec);

        Assert.Equal([carol], await cluster.Grains.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.OwnerKey("carol")).RunIds());
        var all = await cluster.Grains.GetGrain<IResearchRunIndexGrain>(IResearchRunIndexGrain.AllKey).RunIds();
        Assert.Contains(carol, all);
        Assert.Contains(dave, all);
        Assert.Equal("carol", (await cluster.Run(carol).Info())!.Owner);
        await cluster.Finished(carol);
        await cluster.Finished(dave);
    }

    [Fact]
    public async Task AModelGivenAsAHubIdIsReadFromTheHubCache()
    {
        var dataset = cluster.Dataset("hub-prompts.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(3)));
        var spec = new ResearchRunSpec { Kind = ResearchRunKind.Refusal, Dataset = dataset, Settings = new() { MaxNewTokens = 6 } };
        var (hub, local) = (ResearchCluster.NewId("hub"), ResearchCluster.NewId("local"));
        await cluster.Run(hub).Start("alice", spec with { Model = ResearchModels.FromHub });
        await cluster.Run(local).Start("alice", spec with { Model = ResearchModels.Stories });
        Assert.Equal(ResearchRunStatus.Completed, (await cluster.Finished(hub)).Status);
        Assert.Equal(ResearchRunStatus.Completed, (await cluster.Finished(local)).Status);
        Assert.Equal((await cluster.Run(local).Results()).Refusal!.PerPrompt, (await cluster.Run(hub).Results()).Refusal!.PerPrompt);
    }

    private async Task<byte[]> Export(string id)
    {
        using var bytes = new MemoryStream();
        await foreach (var chunk in cluster.Run(id).Export()) bytes.Write(chunk);
        return bytes.ToArray();
    }
}
