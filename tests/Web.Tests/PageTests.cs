using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>Each page, signed in, against the real app: it renders its panels with nothing fetched from outside the app.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PageTests(WebAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task ResearchPageListsTheModelsAndItsRuns()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/research.html", "researcher");
        await Assertions.Expect(page.Locator("#run-model option[value=\"stories260K\"]")).ToHaveCountAsync(1);
        // A new user has no runs: the list answered and says so (an API failure shows another text and a notice).
        await Assertions.Expect(page.Locator("#run-rows td.empty")).ToHaveTextAsync("No runs yet — start one on the left.");
        await Assertions.Expect(page.Locator("#notices .notice.error")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "research", output);
        user.AssertClean();
    }

    [Fact]
    public async Task DashboardShowsTheSiloItsModelAndTheCache()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/dashboard.html", "operator");
        await Assertions.Expect(page.Locator("#silo-count")).ToHaveAttributeAsync("data-active", "1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#cache h2")).ToHaveTextAsync("Activation cache");
        await Assertions.Expect(page.Locator("#orleans-frame")).ToHaveAttributeAsync("src", "/dashboard");
        await Assertions.Expect(page.FrameLocator("#orleans-frame").GetByText("Active silos").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "dashboard", output);
        user.AssertClean();
    }
}
