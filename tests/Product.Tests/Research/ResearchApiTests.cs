using System.IO.Compression;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Lens.Product.Tests.Research;

/// <summary>
/// The research routes end to end over HTTP: Kestrel, a silo in the process, signed-in users; run once per storage
/// (<see cref="FileStoreResearchApiTests"/>, <see cref="AzureResearchApiTests"/>).
/// </summary>
public abstract class ResearchApiTests(ResearchWebHost host)
{
    [Fact]
    public async Task ARunIsStartedFollowedOverSseReadAndExported()
    {
        using var alice = host.Client("alice");
        var dataset = host.Dataset("web-prompts.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(6)));
        using var started = await Post(alice, "/api/research/runs",
            $$$"""{"kind": "kl", "model": "stories260K", "baseline_model": "stories260K-perturbed", "dataset": "{{{dataset}}}", "settings": {"batch_size": 2}}""");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var run = await Json(started);
        var id = run.GetProperty("id").GetString()!;
        Assert.Equal($"/api/research/runs/{id}", started.Headers.Location!.OriginalString);
        Assert.Equal(("kl", 6, 2), (run.GetProperty("kind").GetString(), run.GetProperty("total").GetInt32(), run.GetProperty("settings").GetProperty("batch_size").GetInt32()));
        Assert.Contains(run.GetProperty("status").GetString(), new[] { "queued", "running", "completed" });

        // As a browser's EventSource follows it: the user in the query, no header.
        using var anonymous = host.Client(null);
        using var events = await anonymous.GetAsync($"/api/research/runs/{id}/events?access_token=alice", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await events.Content.ReadAsStreamAsync()).EnumerateAsync()) items.Add(item);
        Assert.Equal("done", items[^1].EventType);
        Assert.All(items[..^1], i => Assert.Equal("progress", i.EventType));
        var done = JsonDocument.Parse(items[^1].Data).RootElement;
        Assert.Equal(("completed", 6, 0.0), (done.GetProperty("status").GetString(), done.GetProperty("done").GetInt32(), done.GetProperty("eta_seconds").GetDouble()));
        var mean = done.GetProperty("results").GetProperty("kl").GetProperty("mean").GetDouble();
        Assert.True(mean > 0);

        var got = await Json(await alice.GetAsync($"/api/research/runs/{id}"));
        Assert.Equal(("completed", 3), (got.GetProperty("status").GetString(), got.GetProperty("batches_done").GetInt32()));
        Assert.Equal(mean, got.GetProperty("results").GetProperty("kl").GetProperty("mean").GetDouble());
        var results = await Json(await alice.GetAsync($"/api/research/runs/{id}/results"));
        Assert.Equal(6, results.GetProperty("kl").GetProperty("per_prompt").GetArrayLength());
        Assert.Equal(mean, results.GetProperty("kl").GetProperty("mean").GetDouble());
        Assert.Contains(id, (await Json(await alice.GetAsync("/api/research/runs"))).EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var dashboard = await Json(await alice.GetAsync("/api/dashboard/overview"));
        var listed = dashboard.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
        Assert.Equal(("kl", "completed", 6, 6), (listed.GetProperty("kind").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("done").GetInt32(), listed.GetProperty("total").GetInt32()));

        using var export = await alice.GetAsync($"/api/research/runs/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"research-{id}.zip", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
        Assert.Equal(["results.csv", "results.json", "run.json"], zip.Entries.Select(e => e.FullName).Order());
        Assert.Equal(7, new StreamReader(zip.GetEntry("results.csv")!.Open()).ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task AnotherUsersRunIs403OnEveryRouteAndMissingFromTheirListAndDashboard()
    {
        using var alice = host.Client("alice");
        using var bob = host.Client("bob");
        var dataset = host.Dataset("private.txt", "Once upon a time\n");
        var id = (await Json(await Post(alice, "/api/research/runs", $$$"""{"kind": "refusal", "model": "stories260K", "dataset": "{{{dataset}}}", "settings": {"max_new_tokens": 2}}""")))
            .GetProperty("id").GetString()!;

        foreach (var path in new[] { "", "/results", "/export", "/events" })
            Assert.Contains("belongs to another user", await Problem(await bob.GetAsync($"/api/research/runs/{id}{path}"), 403, "id"));
        Assert.Contains("belongs to another user", await Problem(await bob.PostAsync($"/api/research/runs/{id}/cancel", null), 403, "id"));
        Assert.DoesNotContain(id, (await Json(await bob.GetAsync("/api/research/runs"))).EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.DoesNotContain(id, (await Json(await bob.GetAsync("/api/dashboard/overview"))).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/research/runs/{id}")).StatusCode);
    }

    [Fact]
    public async Task UnknownRunsAre404NamingTheIdAndNoUserIs401()
    {
        using var alice = host.Client("alice");
        foreach (var path in new[] { "", "/results", "/export", "/events" })
            Assert.Contains("no research run has the id 'nope'", await Problem(await alice.GetAsync($"/api/research/runs/nope{path}"), 404, "id"));
        using var anonymous = host.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/research/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/research/runs", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Theory]
    [InlineData("""{"kind": "everything", "model": "stories260K", "dataset": "x.txt"}""", "kind", "'kind'")]
    [InlineData("""{"kind": "kl", "model": "stories260K", "dataset": "x.txt", "settings": {"batchsize": 2}}""", "settings.batchsize", "'batchsize'")]
    [InlineData("""{"kind": "kl", "model": "stories260K", "dataset": "x.txt", "colour": "red"}""", "colour", "'colour'")]
    [InlineData("""{"kind": "refusal", "dataset": "x.txt"}""", "model", "model is required")]
    [InlineData("""{"kind": "mmlu", "model": "stories260K", "dataset": "mmlu_sample.jsonl", "settings": {"shots": -1}}""", "settings.shots", "settings.shots must be 0 or more, got -1")]
    [InlineData("""{"kind": "refusal", "model": "stories260K", "dataset": "nowhere.csv"}""", "dataset", "dataset 'nowhere.csv' was not found")]
    [InlineData("not json", "body", "invalid JSON")]
    public async Task BadRunsAre400NamingTheField(string body, string field, string mentioned)
    {
        using var alice = host.Client("alice");
        Assert.Contains(mentioned, await Problem(await Post(alice, "/api/research/runs", body), 400, field));
    }

    [Fact]
    public async Task AModelNoSiloHoldsIs503()
    {
        using var alice = host.Client("alice");
        var detail = await Problem(await Post(alice, "/api/research/runs", """{"kind": "refusal", "model": "gpt-17", "dataset": "prompts_harmful.txt"}"""), 503, "model");
        Assert.StartsWith("model 'gpt-17' is unavailable: no live silo holds it; the 1 live silo(s) hold: ", detail);
        Assert.EndsWith("hold: stories260K, stories260K-perturbed", detail);
    }

    [Fact]
    public async Task CancellingOverHttpStopsTheRun()
    {
        using var alice = host.Client("alice");
        var dataset = host.Dataset("long-refusal.jsonl", ResearchPrompts.Jsonl(ResearchPrompts.Make(40)));
        var id = (await Json(await Post(alice, "/api/research/runs", $$$"""{"kind": "refusal", "model": "stories260K", "dataset": "{{{dataset}}}", "settings": {"batch_size": 1, "max_new_tokens": 64}}""")))
            .GetProperty("id").GetString()!;
        var cancelled = await Json(await alice.PostAsync($"/api/research/runs/{id}/cancel", null));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.True(cancelled.GetProperty("done").GetInt32() < 40);
        var results = await Json(await alice.GetAsync($"/api/research/runs/{id}/results"));
        Assert.Equal("cancelled", results.GetProperty("status").GetString());
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    // Asserts an RFC 7807 problem with the status and the field at fault; returns its detail.
    private static async Task<string> Problem(HttpResponseMessage response, int status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem.GetProperty("detail").GetString()!;
    }
}

/// <summary><see cref="ResearchApiTests"/> with the silo on the Lens file storage.</summary>
public sealed class FileStoreResearchApiTests(ResearchWebHost host) : ResearchApiTests(host), IClassFixture<ResearchWebHost>;

/// <summary><see cref="ResearchApiTests"/> with the silo on Azure Storage (Azurite).</summary>
public sealed class AzureResearchApiTests(AzureResearchWebHost host) : ResearchApiTests(host), IClassFixture<AzureResearchWebHost>;
