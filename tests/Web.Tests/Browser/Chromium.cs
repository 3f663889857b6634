using Microsoft.Playwright;

namespace Lens.Web.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright. Playwright never downloads a browser here: it is told where
/// the installed one is, and each launch gets a fresh temporary profile (user-data-dir) from Playwright.</summary>
public sealed class Chromium : IAsyncDisposable
{
    /// <summary>Where Debian installs Chromium (<c>apt-get install -y chromium</c>).</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: install it with `apt-get install -y chromium` (the browser tests never download one)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                ChromiumSandbox = false,
                Args = Flags,
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new browser context: its own cookies and localStorage, so one signed-in user per context.</summary>
    public async Task<IBrowserContext> NewUserAsync(string baseUrl) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1500, Height = 1000 },
            AcceptDownloads = true,
        });

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
