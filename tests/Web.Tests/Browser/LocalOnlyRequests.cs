using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Lens.Web.Tests.Browser;

/// <summary>Blocks and records every request a page makes to anywhere but the app under test, so a page that
/// needs a CDN (or any outside host) fails its test instead of quietly working only online.</summary>
public sealed class LocalOnlyRequests
{
    private readonly ConcurrentQueue<string> _blocked = new();
    private readonly Uri _app;

    private LocalOnlyRequests(Uri app) => _app = app;

    public IReadOnlyCollection<string> Blocked => _blocked.ToArray();

    public static async Task<LocalOnlyRequests> GuardAsync(IBrowserContext context, string appBaseUrl)
    {
        var guard = new LocalOnlyRequests(new Uri(appBaseUrl));
        await context.RouteAsync(url => !guard.IsLocal(url), async route =>
        {
            guard._blocked.Enqueue(route.Request.Url);
            await route.AbortAsync("blockedbyclient");
        });
        return guard;
    }

    private bool IsLocal(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)) return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == _app.Host && uri.Port == _app.Port;
    }

    /// <summary>Fails naming every outside address a page tried to reach.</summary>
    public void AssertNone()
    {
        var blocked = Blocked;
        Assert.True(blocked.Count == 0, $"pages requested outside the app ({_app}): {string.Join(", ", blocked)}");
    }
}
