using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>The sign-in gate: every page needs a user, bad names and refused tokens are explained.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInTests(WebAppFixture app, ITestOutputHelper output)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/research.html")]
    [InlineData("/dashboard.html")]
    public async Task EveryPageAsksForSignInFirst(string path)
    {
        await using var user = await app.NewUserAsync();
        var page = await user.Context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("#sign-in-name")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#content")).ToBeHiddenAsync();
        user.AssertClean();
    }

    [Fact]
    public async Task AnInvalidNameIsRefusedWithTheServersReason()
    {
        await using var user = await app.NewUserAsync();
        var page = await user.Context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#sign-in-name", "not a valid name!");
        await page.ClickAsync("#sign-in-button");
        var notice = page.Locator("#notices .notice.error[data-status=\"400\"]");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("name");
        await Assertions.Expect(page.Locator("#content")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "sign-in-refused", output);
        user.AssertClean();
    }

    [Fact]
    public async Task ARefusedTokenSendsThePersonBackToSignInSayingWhy()
    {
        await using var user = await app.NewUserAsync();
        var page = await user.Context.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => localStorage.setItem('lens.session', JSON.stringify({ token: 'forged.token', user: 'mallory' }))");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#sign-in-name")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#notices .notice.error[data-status=\"401\"]")).ToContainTextAsync("session ended");
        user.AssertClean();
    }
}
