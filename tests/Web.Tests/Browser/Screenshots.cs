using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests.Browser;

/// <summary>Full-page screenshots kept as test artifacts under the test output's TestResults/screenshots/,
/// each path written to the test output.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name, ITestOutputHelper output)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
