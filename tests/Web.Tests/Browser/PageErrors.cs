using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Lens.Web.Tests.Browser;

/// <summary>Collects uncaught script errors from every page of a context: a page that throws fails its test.</summary>
public sealed class PageErrors
{
    private readonly ConcurrentQueue<string> _errors = new();

    public static PageErrors Watch(IBrowserContext context)
    {
        var watch = new PageErrors();
        foreach (var page in context.Pages) watch.Attach(page);
        context.Page += (_, page) => watch.Attach(page);
        return watch;
    }

    private void Attach(IPage page) => page.PageError += (_, error) => _errors.Enqueue($"{page.Url}: {error}");

    public void AssertNone()
    {
        var errors = _errors.ToArray();
        Assert.True(errors.Length == 0, $"script errors on the pages: {string.Join(" | ", errors)}");
    }
}
