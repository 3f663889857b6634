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
        async Task Click(int u, Random random)
        {
            var (id, length) = conversations[u];
            using var response = await clients[u].GetAsync($"/api/activations/{id}/{random.Next(length)}?include_context=true");
            await response.Content.CopyToAsync(Stream.Null);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"click failed: {(int)response.StatusCode}");
        }
        await ClickLoad.Run(users, clicksPerUser, TimeSpan.Zero, 100, Click); // warm-up: the memo fills, the JIT tiers settle
        Console.WriteLine($"cached click over HTTP, 1 user: {await ClickLoad.Run(1, clicksPerUser * 4, TimeSpan.Zero, 200, Click)}");
        Console.WriteLine($"cached click over HTTP, {users} users each clicking every {pause.TotalMilliseconds:F0} ms: {await ClickLoad.Run(users, clicksPerUser, pause, 300, Click)}");
        Console.WriteLine($"cached click over HTTP, {users} users clicking back to back: {await ClickLoad.Run(users, clicksPerUser, TimeSpan.Zero, 400, Click)}");
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
}
