using System.Net;
using System.Text.Json;

namespace Lens.Product.Tests.Research;

/// <summary>The research routes are rate limited per user, from the same bucket as the product routes.</summary>
public sealed class ResearchRateLimitTests : IAsyncLifetime
{
    private const int Burst = 10;

    // One token a second: what a user spends shows, and little comes back while the test runs.
    private readonly ResearchWebHost _host = new()
    {
        Settings = new Dictionary<string, string?> { ["Lens:Api:RequestsPerSecond"] = "1", ["Lens:Api:Burst"] = $"{Burst}" },
    };

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task AUserOverTheRateOnResearchRoutesGets429WithRetryAfterAndAnotherUserIsUnaffected()
    {
        using var greedy = _host.Client("greedy");
        using var patient = _host.Client("patient");
        for (var i = 0; i < Burst / 2; i++) Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/conversations")).StatusCode);

        var researchOk = 0;
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3 * Burst && limited is null; i++)
        {
            var response = await greedy.GetAsync("/api/research/runs");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                researchOk++;
            }
        }

        Assert.NotNull(limited);
        // The product requests spent from the same bucket: the research routes got less than a whole burst.
        Assert.InRange(researchOk, Burst / 2, Burst - 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("user 'greedy' is over the request rate", problem.GetProperty("detail").GetString());
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");

        using var others = await patient.GetAsync("/api/research/runs");
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await others.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }
}
