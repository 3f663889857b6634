using Lens.Tests.Azurite;
using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>A two-silo cluster of real web apps: the dashboard follows the loss of one.</summary>
public sealed class SiloLossTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DashboardShowsTwoSilosThenOneAfterOneIsKilled()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var cluster = new Dictionary<string, string>
        {
            ["LENS_STORAGE"] = "azure",
            ["LENS_AZURE_CONNECTION"] = azurite.ConnectionString,
            ["LENS_COHOST"] = "true",
            ["LENS_CLUSTER_ID"] = "two-" + Guid.NewGuid().ToString("N")[..8],
            ["LENS_AUTH_KEY"] = "web-tests-two-silos-signing-key",
        };
        // Silos stop before Azurite (declared after it): a silo whose storage vanished hangs in its shutdown.
        await using var first = await LensServer.StartAsync(cluster);
        // The killed silo's own shutdown errors (reminders and lifecycle stages cut short) are expected: not logged.
        await using var second = await LensServer.StartAsync(new Dictionary<string, string>(cluster) { ["Logging:LogLevel:Orleans"] = "None" });
        await using var chromium = await Chromium.LaunchAsync();
        await using var user = await BrowserUser.OpenAsync(chromium, first.BaseUrl);
        var page = await SignIn.OpenAsync(user.Context, "/dashboard.html", "operator");
        var count = page.Locator("#silo-count");

        await ExpectActiveSilos(count, 2, "after both silos started");
        await Assertions.Expect(page.Locator("#silos article.silo")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "dashboard-two-silos", output);

        await second.KillAsync();
        await ExpectActiveSilos(count, 1, "after the second silo was killed");
        await Screenshots.SaveAsync(page, "dashboard-one-silo-after-kill", output);
        user.AssertClean();
    }

    private static async Task ExpectActiveSilos(ILocator count, int expected, string phase)
    {
        try
        {
            await Assertions.Expect(count).ToHaveAttributeAsync("data-active", expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new() { Timeout = 90_000 });
        }
        catch (PlaywrightException e)
        {
            var shown = await count.IsVisibleAsync() ? await count.InnerTextAsync() : "(no silo count on the page)";
            throw new Xunit.Sdk.XunitException($"{phase}: expected {expected} active silos on the dashboard, it shows '{shown}' ({e.Message})");
        }
    }
}
