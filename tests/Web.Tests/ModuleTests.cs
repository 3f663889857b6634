using System.Text.Json;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;

namespace Lens.Web.Tests;

/// <summary>The pages' own modules in Chromium, on inputs where the right answer is known without the server:
/// the event-stream reader, Retry-After, layer strides, token text and percentages.</summary>
public sealed class ModuleTests(ModuleTests.StaticPage browser) : IClassFixture<ModuleTests.StaticPage>
{
    /// <summary>One Chromium page with the static files, shared by the tests of this class.</summary>
    public sealed class StaticPage : IAsyncLifetime
    {
        private Chromium _chromium = null!;
        public IPage Page { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _chromium = await Chromium.LaunchAsync();
            var context = await _chromium.Browser.NewContextAsync();
            await StaticFiles.ServeAsync(context);
            // An empty HTML document of the same origin (the pages' own would start talking to an API): each test
            // imports the modules it needs into it.
            await context.RouteAsync(StaticFiles.Origin + "/module-tests.html", route =>
                route.FulfillAsync(new() { ContentType = "text/html", Body = "<!doctype html><title>module tests</title>" }));
            Page = await context.NewPageAsync();
            await Page.GotoAsync(StaticFiles.Origin + "/module-tests.html");
        }

        public async Task DisposeAsync() => await _chromium.DisposeAsync();
    }

    private IPage Page => browser.Page;

    private async Task<JsonElement> RunAsync(string module, string body) =>
        await Page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/{module}'); {body} }}");

    [Fact]
    public async Task EventStreamReaderSplitsEventsAcrossChunksAndLineEndings()
    {
        // Chunks cut mid-field and mid-line, CRLF and LF mixed, a comment, a multi-line data field, no final blank line.
        var events = await RunAsync("sse.js", """
            const chunks = ['event: tok', 'en\r\ndata: {"a":1}\r', '\n\r\n: keep-alive\n\nevent: token\ndata: li', 'ne1\ndata: line2\n\n', 'event: done\ndata: {}'];
            const body = new ReadableStream({ start(c) { for (const s of chunks) c.enqueue(new TextEncoder().encode(s)); c.close(); } });
            const seen = [];
            await m.readEventStream(body, e => seen.push(e));
            return JSON.stringify(seen);
            """);
        Assert.Equal(
            """[{"event":"token","data":"{\"a\":1}"},{"event":"token","data":"line1\nline2"},{"event":"done","data":"{}"}]""",
            events.GetString());
    }

    [Fact]
    public async Task EventStreamReaderStopsAndRejectsWhenAHandlerThrows()
    {
        var result = await RunAsync("sse.js", """
            const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('event: error\ndata: 1\n\nevent: token\ndata: 2\n\n')); } });
            const seen = [];
            try { await m.readEventStream(body, e => { seen.push(e.data); throw new Error('stop at ' + e.data); }); return 'resolved'; }
            catch (e) { return { message: e.message, seen }; }
            """);
        Assert.Equal("stop at 1", result.GetProperty("message").GetString());
        Assert.Equal(1, result.GetProperty("seen").GetArrayLength());
    }

    [Fact]
    public async Task RetryAfterIsReadAsSecondsOrAsAnHttpDate()
    {
        var result = await RunAsync("problem.js", """
            const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
            return [m.parseRetryAfter('7'), m.parseRetryAfter('0'), m.parseRetryAfter(null), m.parseRetryAfter('soon'), m.parseRetryAfter(inTenSeconds)];
            """);
        Assert.Equal(7, result[0].GetInt32());
        Assert.Equal(0, result[1].GetInt32());
        Assert.Equal(JsonValueKind.Null, result[2].ValueKind);
        Assert.Equal(JsonValueKind.Null, result[3].ValueKind);
        Assert.InRange(result[4].GetInt32(), 8, 10);
    }

    [Theory]
    [InlineData(5, 1, "[0,1,2,3,4]")]
    [InlineData(32, 4, "[0,4,8,12,16,20,24,28,31]")]
    [InlineData(30, 4, "[0,4,8,12,16,20,24,28,29]")]
    [InlineData(1, 8, "[0]")]
    public async Task LayerStrideKeepsEveryNthLayerAndTheLast(int layers, int stride, string expected)
    {
        var result = await RunAsync("lens/layer-stride.js", $"return m.layersFor({layers}, {stride});");
        Assert.Equal(expected, result.GetRawText());
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(16, 1)]
    [InlineData(32, 2)]
    [InlineData(80, 5)]
    public async Task AutomaticStrideKeepsAtMostSixteenRows(int layers, int stride)
    {
        var result = await RunAsync("lens/layer-stride.js", $"return m.autoStride({layers});");
        Assert.Equal(stride, result.GetInt32());
    }

    [Theory]
    [InlineData(" the")]
    [InlineData("\n")]
    [InlineData("a\tb\r")]
    [InlineData("")]
    [InlineData("Lily")]
    public async Task TokenTextShowsWhitespaceAsTheTestsExpect(string text)
    {
        var result = await Page.EvaluateAsync<string>("async t => (await import('/js/format.js')).visibleToken(t)", text);
        Assert.Equal(TokenText.Visible(text), result);
    }

    [Theory]
    [InlineData(0.8765)]
    [InlineData(0.085)]
    [InlineData(0.000015)]
    [InlineData(1.2e-9)]
    [InlineData(1.0)]
    public async Task PercentagesRoundToTheDigitsTheyShow(double probability)
    {
        var shown = await Page.EvaluateAsync<string>("async p => (await import('/js/format.js')).percent(p)", probability);
        Assert.True(ShownPercent.Matches(shown, probability, out var why), why);
        Assert.False(ShownPercent.Matches(shown, probability * 1.2 + 1e-12, out _), $"'{shown}' also matched {probability * 1.2}");
    }

    [Theory]
    [InlineData(3, 10, 125.0, "running", "3 / 10 · ETA 2 min 5 s")]
    [InlineData(0, 0, null, "queued", "0 / ? · queued")]
    [InlineData(4, 10, null, "running", "4 / 10 · ETA –")]
    [InlineData(10, 10, 0.0, "completed", "10 / 10 · completed")]
    [InlineData(2, 10, 7200.0, "running", "2 / 10 · ETA 2 h 0 min")]
    public async Task ProgressBarsSayDoneOfTotalAndTheTimeLeft(int done, int total, double? eta, string status, string label)
    {
        var shown = await Page.EvaluateAsync<string>(
            "async a => (await import('/js/progress.js')).progressBar({ done: a[0], total: a[1], eta: a[2], status: a[3] }).innerText",
            new object?[] { done, total, eta, status });
        Assert.Equal(label, shown);
    }
}

