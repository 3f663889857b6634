using System.Text.Json;
using Lens.Tests;
using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>What a person sees when the server says no: 429 with Retry-After, 503 for a model that cannot load.
/// Each test starts its own app configured to say it.</summary>
public sealed class ErrorPathTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ARateLimitedPageCountsDownRetryAfterThenRetries()
    {
        // One request per second and a burst of two: loading the chat page (models + conversations) takes the burst.
        await using var server = await LensServer.StartAsync(new Dictionary<string, string>
        {
            ["Lens:Api:RequestsPerSecond"] = "1",
            ["Lens:Api:Burst"] = "2",
        });
        await using var chromium = await Chromium.LaunchAsync();
        await using var user = await BrowserUser.OpenAsync(chromium, server.BaseUrl);
        var page = await SignIn.OpenAsync(user.Context, "/", "eager");
        var limited = page.Locator("#notices .notice.error[data-status=\"429\"]");
        for (var i = 0; i < 5 && await limited.CountAsync() == 0; i++) await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(limited.First).ToBeVisibleAsync();
        var retry = limited.First.Locator("button.retry");
        await Assertions.Expect(retry).ToBeDisabledAsync();
        await Assertions.Expect(retry).ToContainTextAsync("Retry in");
        await Screenshots.SaveAsync(page, "chat-rate-limited", output);

        // Once Retry-After has passed the server has room again: the retried call succeeds and its notice goes.
        var before = await limited.CountAsync();
        await Assertions.Expect(retry).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(retry).ToHaveTextAsync("Retry");
        await retry.ClickAsync();
        await Assertions.Expect(limited).ToHaveCountAsync(before - 1, new() { Timeout = 10_000 });
        user.AssertClean();
    }

    [Fact]
    public async Task RetryingATurnWhoseAnswerWasLostSendsItsTurnIdAgainAndAddsItOnce()
    {
        await using var server = await LensServer.StartAsync();
        await using var chromium = await Chromium.LaunchAsync();
        await using var user = await BrowserUser.OpenAsync(chromium, server.BaseUrl);
        var chat = await ChatPage.SignInAsync(user.Context, "retrier");
        await chat.SendAsync("Once upon a time", maxNewTokens: 4);

        // The next turn is saved by the server, but its answer is lost on the way back: the page sees a 503.
        var bodies = new List<JsonElement>();
        await chat.Page.RouteAsync("**/api/chat/stream", async route =>
        {
            bodies.Add(JsonDocument.Parse(route.Request.PostData!).RootElement.Clone());
            if (bodies.Count > 1) { await route.ContinueAsync(); return; }
            await route.FetchAsync();
            await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json",
                Body = """{"title":"Service Unavailable","status":503,"detail":"the silo serving this turn was lost"}""" });
        });
        await chat.Page.FillAsync("#message", "The end");
        await chat.Page.ClickAsync("#send");
        var lost = chat.Page.Locator("#notices .notice.error[data-status=\"503\"]");
        await Assertions.Expect(lost).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await lost.Locator("button.retry").ClickAsync();
        await Assertions.Expect(lost).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(chat.Page.Locator(".message.pending")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0].GetProperty("turn_id").GetString(), bodies[1].GetProperty("turn_id").GetString());
        Assert.True(Guid.TryParse(bodies[0].GetProperty("turn_id").GetString(), out _));
        await Assertions.Expect(chat.Page.Locator(".message[data-role=user]")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task AModelThatCannotLoadIsReportedAsUnavailable()
    {
        var empty = TestPaths.TempFolder("no-weights");
        await using var server = await LensServer.StartAsync(new Dictionary<string, string> { ["LENS_MODELS"] = $"stories260K={empty}" });
        await using var chromium = await Chromium.LaunchAsync();
        await using var user = await BrowserUser.OpenAsync(chromium, server.BaseUrl);
        var chat = await ChatPage.SignInAsync(user.Context, "hopeful");
        await chat.Page.FillAsync("#message", "Hello?");
        await chat.Page.ClickAsync("#send");
        var unavailable = chat.Page.Locator("#notices .notice.error[data-status=\"503\"]");
        await Assertions.Expect(unavailable).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(unavailable).ToContainTextAsync("stories260K");
        await Assertions.Expect(chat.Page.Locator("#stop")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(chat.Page, "chat-model-unavailable", output);
        user.AssertClean();
    }
}
