using Microsoft.Playwright;

namespace Lens.Web.Tests.Browser;

/// <summary>One person at the browser: a context of their own, guarded so that pages reach only the app and
/// throw no script errors (checked on dispose).</summary>
public sealed class BrowserUser : IAsyncDisposable
{
    private readonly LocalOnlyRequests _requests;
    private readonly PageErrors _errors;

    private BrowserUser(IBrowserContext context, LocalOnlyRequests requests, PageErrors errors)
    {
        Context = context;
        _requests = requests;
        _errors = errors;
    }

    public IBrowserContext Context { get; }

    public static async Task<BrowserUser> OpenAsync(Chromium chromium, string baseUrl)
    {
        var context = await chromium.NewUserAsync(baseUrl);
        var requests = await LocalOnlyRequests.GuardAsync(context, baseUrl);
        return new BrowserUser(context, requests, PageErrors.Watch(context));
    }

    /// <summary>Fails when a page asked for anything outside the app or threw a script error.</summary>
    public void AssertClean()
    {
        _requests.AssertNone();
        _errors.AssertNone();
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
