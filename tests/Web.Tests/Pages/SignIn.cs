using Microsoft.Playwright;

namespace Lens.Web.Tests.Pages;

/// <summary>The sign-in gate every page shows before a user is signed in.</summary>
public static class SignIn
{
    /// <summary>Opens <paramref name="path"/>, signs in as <paramref name="name"/> and waits for the page's content.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path, string name)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.FillAsync("#sign-in-name", name);
        await page.ClickAsync("#sign-in-button");
        await page.Locator("#content").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync(name);
        return page;
    }

    /// <summary>The bearer token the page keeps in localStorage.</summary>
    public static async Task<string> TokenAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('lens.session')).token");
}
