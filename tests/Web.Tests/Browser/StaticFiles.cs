using Lens.Tests;
using Microsoft.Playwright;

namespace Lens.Web.Tests.Browser;

/// <summary>Serves client/wwwroot from disk to a browser context at <see cref="Origin"/>, for testing the pages'
/// modules on their own (no API behind them).</summary>
public static class StaticFiles
{
    public const string Origin = "http://wwwroot.test";

    private static readonly Dictionary<string, string> Types = new()
    {
        [".html"] = "text/html", [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml",
    };

    public static async Task ServeAsync(IBrowserContext context)
    {
        var root = Path.Combine(TestPaths.RepoRoot, "client", "wwwroot");
        await context.RouteAsync(Origin + "/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath.TrimStart('/');
            var file = Path.GetFullPath(Path.Combine(root, path.Length == 0 ? "index.html" : path));
            if (!file.StartsWith(root, StringComparison.Ordinal) || !File.Exists(file))
            {
                await route.FulfillAsync(new() { Status = 404, Body = $"no file {path} in client/wwwroot" });
                return;
            }
            await route.FulfillAsync(new() { Status = 200, Path = file, ContentType = Types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream") });
        });
    }
}
