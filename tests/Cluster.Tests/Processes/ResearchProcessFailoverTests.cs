using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lens.Cluster.Tests.Support;
using Lens.Tests;
using Xunit.Abstractions;

namespace Lens.Cluster.Tests.Processes;

/// <summary>
/// A research run computing on one of two real silo processes (both holding stories260K, storage on Azurite) loses its
/// silo to SIGKILL mid-run: it resumes on the survivor from its last checkpoint and completes with the results of a run
/// that was never interrupted.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ResearchProcessFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "stories260K";

    // A dataset only the silos' dataset folder holds (LENS_DATASETS' default, LENS_DATA_DIR/datasets, shared by both).
    private const string Dataset = "process-prompts.txt";
    private const int Prompts = 48;
    private const string Spec = $$$"""{"kind": "refusal", "model": "{{{Model}}}", "dataset": "{{{Dataset}}}", "settings": {"batch_size": 1, "max_new_tokens": 96}}""";

    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ProcessCluster.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(_cluster.DataDirectory, "datasets")).FullName;
        // Long enough (48 batches) that the survivor is still computing when the first calls after the kill get through.
        var prompts = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "analyses", "Data", "prompts_harmless.txt")).Where(l => l.Trim().Length > 0).ToArray();
        File.WriteAllLines(Path.Combine(folder, Dataset), Enumerable.Range(0, Prompts / prompts.Length).SelectMany(r => prompts.Select(p => $"{p} ({r + 1})")));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task KillingTheSiloComputingARunResumesItOnTheSurvivorFromItsLastCheckpointWithUnchangedResults()
    {
        LensProcess[] silos = [_cluster.StartSilo("silo-a", ProcessCluster.Stories(Model)), _cluster.StartSilo("silo-b", ProcessCluster.Stories(Model))];
        using var http = await _cluster.StartClientAsync("researcher");
        await _cluster.WaitForSilosAsync(http, 2, Model);

        var id = await StartAsync(http);
        var clock = Stopwatch.StartNew();
        var before = await Eventually.Until("two checkpoints of the run", () => Run(http, id), r => r is { } run && Batches(run) >= 2 && Silo(run) is not null,
            TimeSpan.FromSeconds(120), r => $"{r}; {_cluster.Output()}");
        var victim = silos.Single(s => Silo(before!.Value)!.Contains($":{s.Environment["LENS_SILO_PORT"]}:", StringComparison.Ordinal));
        var victimPort = $":{victim.Environment["LENS_SILO_PORT"]}:";
        var checkpointed = Batches(before!.Value);
        Assert.True(checkpointed < before.Value.GetProperty("batches").GetInt32(), $"the run finished before the kill: {before}");

        victim.Kill();
        var killedAt = clock.Elapsed;
        var seen = new List<(TimeSpan At, int Batches, string? Silo)>();
        var resumed = await Eventually.Until("a checkpoint on the survivor", async () =>
        {
            var run = await Run(http, id);
            if (run is { } r) seen.Add((clock.Elapsed, Batches(r), Silo(r)));
            return run;
        }, r => r is { } run && Batches(run) > checkpointed && Silo(run) is { } silo && !silo.Contains(victimPort, StringComparison.Ordinal),
            TimeSpan.FromSeconds(120), r => $"{r}; {_cluster.Output()}");
        var resumedAt = seen[^1].At;
        output.WriteLine($"kill -9 of {victim.Name} (computing the run, {checkpointed} of {before.Value.GetProperty("batches").GetInt32()} batches checkpointed); " +
            $"first checkpoint on the survivor {(resumedAt - killedAt).TotalSeconds:0.00} s later (batch {Batches(resumed!.Value)})");
        // Checkpoints taken before the kill are kept: only the batch in hand at the kill can be computed twice.
        Assert.All(seen, s => Assert.True(s.Batches >= checkpointed, $"{s.Batches} batches done after the kill, {checkpointed} before it"));

        var killed = await FinishedAsync(http, id);
        var reference = await FinishedAsync(http, await StartAsync(http));
        Assert.Equal("completed", killed.GetProperty("status").GetString());
        Assert.Equal("completed", reference.GetProperty("status").GetString());
        Assert.Equal(PerPrompt(reference), PerPrompt(killed));
        Assert.Equal(Prompts, PerPrompt(killed).Length);
    }

    private async Task<string> StartAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/api/research/runs", new StringContent(Spec, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> FinishedAsync(HttpClient http, string id) =>
        (await Eventually.Until($"run {id} finishing", () => Run(http, id), r => r is { } run && run.TryGetProperty("finished", out _),
            TimeSpan.FromSeconds(180), r => $"{r}; {_cluster.Output()}"))!.Value;

    // The run now, or null while the cluster cannot answer (a 503 during failover).
    private static async Task<JsonElement?> Run(HttpClient http, string id)
    {
        try
        {
            using var response = await http.GetAsync($"/api/research/runs/{id}");
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static int Batches(JsonElement run) => run.GetProperty("batches_done").GetInt32();

    private static string? Silo(JsonElement run) => run.TryGetProperty("silo", out var silo) ? silo.GetString() : null;

    private static string[] PerPrompt(JsonElement run) => run.GetProperty("results").GetProperty("refusal").GetProperty("per_prompt").EnumerateArray()
        .Select(p => $"{p.GetProperty("index").GetInt32()}|{p.GetProperty("prompt").GetString()}|{p.GetProperty("response").GetString()}|{p.GetProperty("refused").GetBoolean()}")
        .ToArray();
}
