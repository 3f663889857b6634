using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lens.Bench;

/// <summary>
/// Clicks as a browser makes them: <c>GET /api/activations/{conversation}/{position}</c> against <see cref="WebProcess"/>,
/// each user signed in with their own token and clicking random positions of their own conversation.
/// </summary>
public sealed class WebClicks(WebProcess web)
{
    public async Task Run(int users, int clicksPerUser, TimeSpan pause)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, users).Select(i => SignedIn($"clicker-{i}")));
        var conversations = await Task.WhenAll(clients.Select(Chat));
        await Clicks(clients, conversations, clicksPerUser, TimeSpan.Zero, 100); // warm-up: the memo fills, the JIT tiers settle
        var alone = await Clicks(clients[..1], conversations, clicksPerUser * 4, TimeSpan.Zero, 200);
        Console.WriteLine($"cached click over HTTP, 1 user: {alone.Latencies}");
        var paced = await Clicks(clients, conversations, clicksPerUser, pause, 300);
        Console.WriteLine($"cached click over HTTP, {users} users each clicking every {pause.TotalMilliseconds:F0} ms: {paced.Latencies}; {paced.PerSecond:F0} clicks/s");
        var saturated = await Clicks(clients, conversations, clicksPerUser, TimeSpan.Zero, 400);
        Console.WriteLine($"cached click over HTTP, {users} users clicking back to back: {saturated.Latencies}; {saturated.PerSecond:F0} clicks/s");
        foreach (var client in clients) client.Dispose();
    }

    private async Task<HttpClient> SignedIn(string user)
    {
        var client = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { name = user });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(Guid Id, int Length)> Chat(HttpClient client, int i)
    {
        using var response = await client.PostAsJsonAsync("/api/chat/with-activations",
            new { model = BenchCluster.Model, message = "Once upon a time", max_new_tokens = 100, temperature = 0.8, seed = i });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"chat failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var turn = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (turn.GetProperty("conversation_id").GetGuid(), turn.GetProperty("response_positions")[1].GetInt32());
    }

    private static async Task<(Latencies Latencies, double PerSecond)> Clicks(HttpClient[] clients, (Guid Id, int Length)[] conversations,
        int clicksPerUser, TimeSpan pause, int seed)
    {
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var random = new Random(seed + i);
            if (pause > TimeSpan.Zero) await Task.Delay(random.Next((int)pause.TotalMilliseconds)); // users do not click in step
            for (var k = 0; k < clicksPerUser; k++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync($"/api/activations/{conversations[i].Id}/{random.Next(conversations[i].Length)}?include_context=true");
                await response.Content.CopyToAsync(Stream.Null);
                var elapsed = Stopwatch.GetElapsedTime(start);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"click failed: {(int)response.StatusCode}");
                latencies.Add(elapsed);
                if (pause > elapsed) await Task.Delay(pause - elapsed);
            }
        }));
        return (latencies, clients.Length * clicksPerUser / clock.Elapsed.TotalSeconds);
    }
}
