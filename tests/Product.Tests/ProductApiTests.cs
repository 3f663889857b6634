using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Lens.Product.Tests;

/// <summary>
/// The product HTTP API over Kestrel on 127.0.0.1, against a real co-hosted silo serving stories260K; run once per
/// storage (<see cref="FileStoreProductApiTests"/>, <see cref="AzureProductApiTests"/>).
/// </summary>
public abstract class ProductApiTests(ProductWebHost host)
{
    [Fact]
    public async Task HealthAndModelInfoDescribeTheServedModel()
    {
        using var anonymous = host.Client(null);
        var health = await Json(await anonymous.GetAsync("/api/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("silos").GetInt32());
        Assert.Equal(["broken", "stories260K"], health.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/model_info")).StatusCode);

        using var alice = host.Client("alice");
        var models = (await Json(await alice.GetAsync("/api/model_info"))).GetProperty("models").EnumerateArray().ToList();
        Assert.False(models.Single(m => m.GetProperty("name").GetString() == "broken").GetProperty("loaded").GetBoolean());
        var model = models.Single(m => m.GetProperty("name").GetString() == "stories260K");
        Assert.Equal(("stories260K", "llama", 5, 64, 8, 4, 512, 512),
            (model.GetProperty("name").GetString(), model.GetProperty("family").GetString(), model.GetProperty("layers").GetInt32(),
             model.GetProperty("hidden").GetInt32(), model.GetProperty("heads").GetInt32(), model.GetProperty("kv_heads").GetInt32(),
             model.GetProperty("vocab").GetInt32(), model.GetProperty("context_length").GetInt32()));
        Assert.Single(model.GetProperty("silos").EnumerateArray());
    }

    [Fact]
    public async Task ChatThenClickGivesTheLensOfTheLensCommand()
    {
        using var alice = host.Client("alice");
        var turn = await Json(await alice.PostAsJsonAsync("/api/chat/with-activations",
            new { model = "stories260K", message = "Once upon a time", max_new_tokens = 12 }));
        var id = turn.GetProperty("conversation_id").GetString();
        var prompt = turn.GetProperty("prompt_positions").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var response = turn.GetProperty("response_positions").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        Assert.Equal(0, prompt[0]);
        Assert.Equal(prompt[1], response[0]);
        Assert.Equal(response[1], turn.GetProperty("tokens").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(turn.GetProperty("response").GetString()));
        Assert.Contains(turn.GetProperty("finish_reason").GetString(), new[] { "length", "stop_token" });

        var clicked = response[0] + 3;
        var lens = await Json(await alice.GetAsync($"/api/activations/{id}/{clicked}?layers=0,2,4&top_k=3&context_size=4"));
        var ids = turn.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToArray();
        var cli = LensCommand.LogitLens(ids, topK: 3, layers: [0, 2, 4]);
        Assert.Equal(Enumerable.Range(clicked - 4, 5), lens.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("position").GetInt32()));
        Assert.Equal([0, 2, 4], lens.GetProperty("layers").EnumerateArray().Select(x => x.GetInt32()));
        var cells = lens.GetProperty("cells");
        for (var t = 0; t < 5; t++)
            for (var a = 0; a < 3; a++)
            {
                var topk = cells[t][a].GetProperty("topk");
                var cliProbs = cli.GetProperty("top_probs")[a][clicked - 4 + t];
                var cliIds = cli.GetProperty("top_indices")[a][clicked - 4 + t];
                for (var j = 0; j < 3; j++)
                {
                    var k = cliIds.EnumerateArray().Select(x => x.GetInt32()).ToList().IndexOf(topk[j].GetProperty("id").GetInt32());
                    Assert.True(k >= 0, $"cell ({clicked - 4 + t}, layer {a}): id not in the CLI's top-3");
                    Assert.Equal(cliProbs[k].GetSingle(), topk[j].GetProperty("prob").GetSingle(), 0.005f);
                }
                Assert.Equal(3, topk[0].GetProperty("trajectory").GetArrayLength());
                Assert.Equal(cli.GetProperty("next_rank")[a][clicked - 4 + t].GetInt32(), lens.GetProperty("next_rank")[t][a].GetInt32());
            }
        var attention = lens.GetProperty("attention");
        Assert.Equal([0, 2, 4], attention.EnumerateArray().Select(l => l.GetProperty("layer").GetInt32()));
        var head = attention[0].GetProperty("heads")[0];
        Assert.Equal(clicked + 1, head.GetProperty("weights").GetArrayLength());
        foreach (var name in new[] { "entropy", "max", "k_eff", "q_norm" }) Assert.True(head.TryGetProperty(name, out _), name);
    }

    [Fact]
    public async Task StreamSendsTokensThenTheRecordedTurn()
    {
        using var alice = host.Client("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream")
        {
            Content = JsonContent.Create(new { model = "stories260K", message = "Lily and Ben", max_new_tokens = 10 }),
        };
        using var response = await alice.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync()) events.Add(item);

        var tokens = events.Where(e => e.EventType == "token").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        var done = JsonDocument.Parse(Assert.Single(events, e => e.EventType == "done").Data).RootElement;
        Assert.Equal("done", events[^1].EventType);
        var span = done.GetProperty("response_positions").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        Assert.Equal(Enumerable.Range(span[0], span[1] - span[0]), tokens.Select(t => t.GetProperty("position").GetInt32()));
        var recorded = done.GetProperty("tokens").EnumerateArray().Skip(span[0] - done.GetProperty("prompt_positions")[0].GetInt32()).Select(t => t.GetProperty("id").GetInt32());
        Assert.Equal(recorded, tokens.Select(t => t.GetProperty("id").GetInt32()));

        var id = done.GetProperty("conversation_id").GetString();
        var conversation = await Json(await alice.GetAsync($"/api/conversations/{id}"));
        Assert.Equal(span[1], conversation.GetProperty("tokens").GetArrayLength());
        Assert.Equal(["user", "assistant"], conversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task AChatSentAgainWithItsTurnIdGetsTheRecordedTurnOnce()
    {
        using var client = host.Client("gwen");
        var turnId = Guid.NewGuid();
        var first = await Json(await client.PostAsJsonAsync("/api/chat/with-activations",
            new { model = "stories260K", message = "Once upon a time", max_new_tokens = 6, temperature = 1.0, turn_id = turnId }));
        var id = first.GetProperty("conversation_id").GetString();
        var body = new { conversation_id = id, message = "Once upon a time", max_new_tokens = 6, temperature = 1.0, turn_id = turnId };

        var again = await Json(await client.PostAsJsonAsync("/api/chat/with-activations", body));
        Assert.Equal(first.GetRawText(), again.GetRawText());
        using var stream = await client.PostAsJsonAsync("/api/chat/stream", body);
        var events = await stream.Content.ReadAsStringAsync();
        Assert.DoesNotContain("event: token", events);
        Assert.Contains("event: done", events);
        var conversation = await Json(await client.GetAsync($"/api/conversations/{id}"));
        Assert.Equal(2, conversation.GetProperty("messages").GetArrayLength());

        var problem = await Problem(await client.PostAsJsonAsync("/api/chat/with-activations", body with { message = "Something else" }), HttpStatusCode.Conflict, "turn_id");
        Assert.Contains(turnId.ToString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ConversationsBelongToTheirUser()
    {
        using var alice = host.Client("erin");
        using var bob = host.Client("frank");
        var started = await Json(await alice.PostAsJsonAsync("/api/conversations", new { model = "stories260K", title = "mine" }), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();
        await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id, message = "Once upon a time", max_new_tokens = 4 });

        await Problem(await bob.GetAsync($"/api/conversations/{id}"), HttpStatusCode.Forbidden, "conversation_id");
        await Problem(await bob.GetAsync($"/api/activations/{id}/1"), HttpStatusCode.Forbidden, "conversation_id");
        await Problem(await bob.DeleteAsync($"/api/cache/{id}"), HttpStatusCode.Forbidden, "conversation_id");
        await Problem(await bob.DeleteAsync($"/api/conversations/{id}"), HttpStatusCode.Forbidden, "conversation_id");
        await Problem(await bob.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id, message = "hi" }), HttpStatusCode.Forbidden, "conversation_id");
        Assert.Equal(0, (await Json(await bob.GetAsync("/api/conversations"))).GetArrayLength());
        var listed = Assert.Single((await Json(await alice.GetAsync("/api/conversations"))).EnumerateArray());
        Assert.Equal(("mine", 1), (listed.GetProperty("title").GetString(), listed.GetProperty("turns").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/conversations/{id}")).StatusCode);
        await Problem(await alice.GetAsync($"/api/conversations/{id}"), HttpStatusCode.NotFound, "conversation_id");
        Assert.Equal(0, (await Json(await alice.GetAsync("/api/conversations"))).GetArrayLength());
    }

    [Fact]
    public async Task BadInputsAreProblemsNamingTheField()
    {
        using var alice = host.Client("grace");
        var turn = await Json(await alice.PostAsJsonAsync("/api/chat/with-activations", new { model = "stories260K", message = "Once upon a time", max_new_tokens = 4 }));
        var id = turn.GetProperty("conversation_id").GetString();
        var length = turn.GetProperty("tokens").GetArrayLength();

        var unknown = await Problem(await alice.GetAsync($"/api/conversations/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "conversation_id");
        Assert.Contains("not found", unknown.GetProperty("detail").GetString());
        await Problem(await alice.GetAsync("/api/conversations/not-an-id"), HttpStatusCode.NotFound, "conversation_id");
        await Problem(await alice.GetAsync($"/api/activations/{id}/{length}"), HttpStatusCode.NotFound, "position");
        await Problem(await alice.GetAsync($"/api/activations/{id}/x"), HttpStatusCode.BadRequest, "position");
        var layer = await Problem(await alice.GetAsync($"/api/activations/{id}/1?layers=0,7"), HttpStatusCode.BadRequest, "layers");
        Assert.Contains("layer 7", layer.GetProperty("detail").GetString());
        await Problem(await alice.GetAsync($"/api/activations/{id}/1?layers=0,top"), HttpStatusCode.BadRequest, "layers");
        await Problem(await alice.GetAsync($"/api/activations/{id}/1?top_k=0"), HttpStatusCode.BadRequest, "top_k");
        await Problem(await alice.GetAsync($"/api/activations/{id}/1?include_context=maybe"), HttpStatusCode.BadRequest, "include_context");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id, message = new string('a', 8001) }), HttpStatusCode.RequestEntityTooLarge, "message");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id, message = "hi", max_new_tokens = 0 }), HttpStatusCode.BadRequest, "max_new_tokens");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id, message = "hi", top_p = 2 }), HttpStatusCode.BadRequest, "top_p");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id }), HttpStatusCode.BadRequest, "message");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { message = "hi" }), HttpStatusCode.BadRequest, "model");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { model = "gpt-9", message = "hi" }), HttpStatusCode.NotFound, "model");
        var unavailable = await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { model = "broken", message = "hi" }), HttpStatusCode.ServiceUnavailable, "model");
        Assert.Contains("no-such-weights", unavailable.GetProperty("detail").GetString());
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = "nope", message = "hi" }), HttpStatusCode.BadRequest, "conversation_id");
        await Problem(await alice.PostAsJsonAsync("/api/chat/with-activations", new { conversation_id = id, message = "hi", colour = "red" }), HttpStatusCode.BadRequest, "colour");
        await Problem(await alice.PostAsync("/api/chat/with-activations", new StringContent("{\"message\":", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "message");
        await Problem(await alice.PostAsync("/api/chat/with-activations", new StringContent(new string(' ', 70_000), System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge, null);
        Assert.Equal(length, (await Json(await alice.GetAsync($"/api/conversations/{id}"))).GetProperty("tokens").GetArrayLength());
    }

    [Fact]
    public async Task ATurnHeldLongerThanTheSilenceLimitIsKeptAliveAndAnswers()
    {
        // The web process fails a turn it hears nothing from for 4 s as lost; a turn that merely waits sends keep-alives.
        using var lena = host.Client("lena");
        host.Gate.Close();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream")
            {
                Content = JsonContent.Create(new { model = "stories260K", message = "Once upon a time", max_new_tokens = 4 }),
            };
            var streaming = lena.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            host.Gate.WaitUntilHeld(TimeSpan.FromSeconds(20));
            await Task.Delay(TimeSpan.FromSeconds(6));
            Assert.False(streaming.IsCompleted, "the held turn answered before the gate opened");
            host.Gate.Open();
            using var response = await streaming;
            var events = new List<SseItem<string>>();
            await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync()) events.Add(item);
            Assert.Equal("done", events[^1].EventType);
            Assert.All(events[..^1], e => Assert.Equal("token", e.EventType));
        }
        finally
        {
            host.Gate.Open();
        }
    }

    [Fact]
    public async Task AFullModelQueueAnswers429WithRetryAfter()
    {
        using var hank = host.Client("hank");
        using var ivy = host.Client("ivy");
        using var jack = host.Client("jack");
        host.Gate.Close();
        try
        {
            var running = hank.PostAsJsonAsync("/api/chat/with-activations", new { model = "stories260K", message = "Once upon a time", max_new_tokens = 4 });
            host.Gate.WaitUntilHeld(TimeSpan.FromSeconds(20));
            var waiting = ivy.PostAsJsonAsync("/api/chat/with-activations", new { model = "stories260K", message = "Once upon a time", max_new_tokens = 4 });
            await Eventually.True(() => QueueDepth(jack).GetAwaiter().GetResult() == 1, "ivy's turn waiting behind hank's", every: Poll);

            var refused = await jack.PostAsJsonAsync("/api/chat/with-activations", new { model = "stories260K", message = "Once upon a time", max_new_tokens = 4 });

            await Problem(refused, HttpStatusCode.TooManyRequests, "model");
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
            host.Gate.Open();
            Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        }
        finally
        {
            host.Gate.Open();
        }
    }

    [Fact]
    public async Task RequestsOverTheUserRateAnswer429WithRetryAfter()
    {
        using var greedy = host.Client("greedy");
        using var patient = host.Client("patient");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 60; i++) answers.Add(await greedy.GetAsync("/api/conversations"));

        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await Problem(limited, HttpStatusCode.TooManyRequests, null);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 40, 59);
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync("/api/conversations")).StatusCode); // buckets are per user
    }

    [Fact]
    public async Task CacheStatusEvictionAndDashboardReflectTheSilo()
    {
        using var kim = host.Client("kim");
        var turn = await Json(await kim.PostAsJsonAsync("/api/chat/with-activations", new { model = "stories260K", message = "Once upon a time", max_new_tokens = 8 }));
        var id = turn.GetProperty("conversation_id").GetString();
        var store = host.Served().Activations;
        var status = await Json(await kim.GetAsync("/api/cache/status"));
        foreach (var name in new[] { "memory_bytes", "memory_limit_bytes", "entries", "hits", "misses", "hit_rate", "disk_bytes" })
            Assert.True(status.TryGetProperty(name, out _), name);
        var entries = store.Status().Entries;

        Assert.Equal(HttpStatusCode.NoContent, (await kim.DeleteAsync($"/api/cache/{id}")).StatusCode);
        Assert.Equal(entries - 1, store.Status().Entries);
        await Eventually.True(() => CacheEntries(kim).GetAwaiter().GetResult() == store.Status().Entries, "the reported cache status catching up with the silo's", every: Poll);
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync($"/api/activations/{id}/2")).StatusCode);

        var overview = await Json(await kim.GetAsync("/api/dashboard/overview"));
        var silo = Assert.Single(overview.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        var model = silo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "stories260K");
        foreach (var name in new[] { "queue_depth", "tokens_per_s", "active_streams" }) Assert.True(model.TryGetProperty(name, out _), name);
        Assert.True(overview.GetProperty("cache").TryGetProperty("hit_rate", out _));
        Assert.Equal(JsonValueKind.Array, overview.GetProperty("runs").ValueKind);
    }

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private static async Task<int> QueueDepth(HttpClient client) =>
        (await Json(await client.GetAsync("/api/dashboard/overview"))).GetProperty("silos")[0].GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "stories260K").GetProperty("queue_depth").GetInt32();

    private static async Task<int> CacheEntries(HttpClient client) =>
        (await Json(await client.GetAsync("/api/cache/status"))).GetProperty("entries").GetInt32();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var problem = await Json(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.True(problem.TryGetProperty("type", out _));
        if (field is not null) Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }
}

/// <summary><see cref="ProductApiTests"/> with the silo on the Lens file storage.</summary>
[Collection(nameof(ProductWebHost))]
public sealed class FileStoreProductApiTests(ProductWebHost host) : ProductApiTests(host);

/// <summary><see cref="ProductApiTests"/> with the silo on Azure Storage (Azurite).</summary>
[Collection(nameof(AzureProductWebHost))]
public sealed class AzureProductApiTests : ProductApiTests
{
    private readonly AzureProductWebHost _host;

    public AzureProductApiTests(AzureProductWebHost host) : base(host) => _host = host;

    [Fact]
    public async Task ATurnIsJournaledInAzureStorage()
    {
        using var olga = _host.Client("olga");
        using var response = await olga.PostAsJsonAsync("/api/chat/with-activations", new { model = "stories260K", message = "Once upon a time", max_new_tokens = 4 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversation_id").GetGuid();
        var blobs = await _host.JournalBlobsAsync();
        Assert.Contains(blobs, b => b.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase));
    }
}
