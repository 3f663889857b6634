using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Client.Auth;
using Lens.Cluster.Tests.Support;

namespace Lens.Cluster.Tests.Web;

public sealed class AuthTests : IAsyncLifetime
{
    private LensWebHost? _host;

    private LensWebHost Host => _host!;

    public async Task InitializeAsync() => _host = await LensWebHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [Fact]
    public async Task SignInGivesATokenThatIdentifiesTheUserOnProtectedRoutes()
    {
        using var response = await Host.Http.PostAsJsonAsync("/api/auth/sign-in", new { name = "alice" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", body.GetProperty("user").GetString());
        Assert.True(body.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6));

        using var api = Host.ClientWith(body.GetProperty("token").GetString()!);
        Assert.Equal("alice", (await api.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/cluster/silos")).StatusCode);
    }

    [Theory]
    [InlineData("{}", "'name' is required")]
    [InlineData("{\"name\": \"  \"}", "'name' is required")]
    [InlineData("{\"name\": \"bob smith\"}", "'bob smith'")]
    [InlineData("{\"name\": \"../etc\"}", "'../etc'")]
    [InlineData("{\"name\": 42}", "$.name")]
    public async Task BadNamesAreRefusedNamingTheField(string body, string mentioned)
    {
        using var response = await Host.Http.PostAsync("/api/auth/sign-in", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains(mentioned, await Problems.AssertProblemAsync(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtectedRoutesWithoutATokenAre401SayingHowToSignIn()
    {
        using var response = await Host.Http.GetAsync("/api/cluster/silos");

        Assert.Contains("/api/auth/sign-in", await Problems.AssertProblemAsync(response, 401), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ForgedMalformedAndExpiredTokensAre401SayingWhy()
    {
        var token = await Host.SignInAsync("alice");
        var parts = token.Split('.');
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString("{\"sub\":\"mallory\",\"exp\":4102444800}"u8);
        var expired = new AccessTokens(Host.App.Services.GetRequiredService<AuthKey>(), new FixedTime(DateTimeOffset.UtcNow.AddDays(-30)), TimeSpan.FromDays(1)).Issue("alice").Token;
        var otherKey = new AccessTokens(new AuthKey(new byte[32]), TimeProvider.System, TimeSpan.FromDays(1)).Issue("alice").Token;

        await AssertRefusedAsync($"{parts[0]}.{forgedPayload}.{parts[2]}", "signature");
        await AssertRefusedAsync(otherKey, "signature");
        await AssertRefusedAsync("not-a-token", "malformed");
        await AssertRefusedAsync(expired, "expired");

        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6eA==") } };
        Assert.Contains("Bearer <token>", await Problems.AssertProblemAsync(await Host.Http.SendAsync(basic), 401), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRequestsMayCarryTheTokenInTheQueryOthersMayNot()
    {
        var token = await Host.SignInAsync("carol");

        var me = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/auth/me?access_token={token}");
        Assert.Equal("carol", me.GetProperty("user").GetString());

        using var post = await Host.Http.PostAsJsonAsync($"/api/cluster/probes/q?access_token={token}", new { value = 1 });
        await Problems.AssertProblemAsync(post, 401);
    }

    [Fact]
    public async Task AnotherClientProcessOnTheSameDataFolderAcceptsTheTokens()
    {
        var token = await Host.SignInAsync("dave");
        await using var external = await LensWebHost.StartAsync(new Dictionary<string, string>
        {
            ["LENS_COHOST"] = "false",
            ["LENS_DATA_DIR"] = Host.DataDirectory,
            ["LENS_GATEWAY_PORT"] = Host.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var api = external.ClientWith(token);

        Assert.Equal("dave", (await api.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetString());
        Assert.True(File.Exists(Path.Combine(Host.DataDirectory, AuthKey.FileName)));
    }

    [Fact]
    public async Task ProcessesSharingLensAuthKeyAcceptEachOthersTokensAndOthersDoNot()
    {
        const string key = "a-long-shared-secret-for-tests";
        await using var first = await LensWebHost.StartAsync(new Dictionary<string, string> { ["LENS_AUTH_KEY"] = key });
        await using var second = await LensWebHost.StartAsync(new Dictionary<string, string> { ["LENS_AUTH_KEY"] = key });
        var token = await first.SignInAsync("erin");

        using var same = second.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/api/auth/me")).StatusCode);
        using var other = Host.ClientWith(token);
        Assert.Contains("signature", await Problems.AssertProblemAsync(await other.GetAsync("/api/auth/me"), 401), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string token, string reason)
    {
        using var api = Host.ClientWith(token);
        using var response = await api.GetAsync("/api/auth/me");
        Assert.Contains(reason, await Problems.AssertProblemAsync(response, 401), StringComparison.Ordinal);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
