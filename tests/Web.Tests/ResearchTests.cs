using System.Globalization;
using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>Validation runs started from the research page on the real cluster: progress, results as the API
/// reports them, the export download, and refused settings explained.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ResearchTests(WebAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task AnMmluRunStartedFromThePageShowsItsSubjectsAsTheApiReportsThem()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/research.html", "mmlu-runner");
        var runId = await StartRunAsync(page, "mmlu", "mmlu_sample.jsonl", """{"shots": 0, "limit": 8, "batch_size": 4}""");
        var row = page.Locator($"#run-rows tr.run[data-id=\"{runId}\"]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 180_000 });
        await Assertions.Expect(row.Locator(".progress")).ToHaveAttributeAsync("data-done", "8");

        await row.ClickAsync();
        var bars = page.Locator("#results .bar-row");
        await Assertions.Expect(bars.First).ToBeVisibleAsync();
        using var api = new ApiClient(app.Server.BaseUrl, await SignIn.TokenAsync(page));
        var mmlu = (await api.GetJsonAsync($"/api/research/runs/{runId}/results")).GetProperty("mmlu");
        var subjects = mmlu.GetProperty("subjects").EnumerateArray().ToList();
        Assert.Equal(subjects.Count, await bars.CountAsync());
        foreach (var subject in subjects)
        {
            var name = subject.GetProperty("subject").GetString()!;
            var shown = await page.Locator($"#results .bar-row[data-label=\"{name}\"]").GetAttributeAsync("data-value");
            var correct = subject.GetProperty("correct").GetInt32();
            var total = subject.GetProperty("total").GetInt32();
            Assert.Equal((double)correct / total, double.Parse(shown!, CultureInfo.InvariantCulture), 9);
        }
        var overall = await page.Locator("#results [data-figure=accuracy] .value").InnerTextAsync();
        Assert.True(ShownPercent.Matches(overall, mmlu.GetProperty("accuracy").GetDouble(), out var why), $"overall accuracy: {why}");
        await Screenshots.SaveAsync(page, "research-mmlu-results", output);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-run"));
        var file = Path.Combine(Screenshots.Folder, "..", download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var head = new byte[2];
        await using (var stream = File.OpenRead(file)) Assert.Equal(2, await stream.ReadAsync(head));
        Assert.True(head[0] == 'P' && head[1] == 'K', $"the export {download.SuggestedFilename} is not a zip file");
        output.WriteLine($"export: {file} ({new FileInfo(file).Length} bytes)");
        user.AssertClean();
    }

    [Fact]
    public async Task AnotherRunChosenAsBaselineIsShownBesideTheRun()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/research.html", "comparer");
        var zeroShot = await StartRunAsync(page, "mmlu", "mmlu_sample.jsonl", """{"shots": 0, "limit": 8}""");
        var oneShot = await StartRunAsync(page, "mmlu", "mmlu_sample.jsonl", """{"shots": 1, "limit": 8}""");
        foreach (var id in new[] { zeroShot, oneShot })
            await Assertions.Expect(page.Locator($"#run-rows tr.run[data-id=\"{id}\"]")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 180_000 });

        await page.Locator($"#run-rows tr.run[data-id=\"{oneShot}\"]").ClickAsync();
        await page.SelectOptionAsync("#baseline-run", zeroShot);
        await Assertions.Expect(page.Locator("#results .bar-legend")).ToBeVisibleAsync();
        using var api = new ApiClient(app.Server.BaseUrl, await SignIn.TokenAsync(page));
        var baseline = (await api.GetJsonAsync($"/api/research/runs/{zeroShot}/results")).GetProperty("mmlu");
        foreach (var subject in baseline.GetProperty("subjects").EnumerateArray())
        {
            var name = subject.GetProperty("subject").GetString()!;
            var shown = await page.Locator($"#results .bar-row[data-label=\"{name}\"]").GetAttributeAsync("data-baseline");
            Assert.Equal((double)subject.GetProperty("correct").GetInt32() / subject.GetProperty("total").GetInt32(),
                double.Parse(shown!, CultureInfo.InvariantCulture), 9);
        }
        var baseAccuracy = await page.Locator("#results [data-figure=baseline-accuracy] .value").InnerTextAsync();
        Assert.True(ShownPercent.Matches(baseAccuracy, baseline.GetProperty("accuracy").GetDouble(), out var why), $"baseline accuracy: {why}");
        await Screenshots.SaveAsync(page, "research-baseline-comparison", output);
        user.AssertClean();
    }

    [Fact]
    public async Task ACaptureRunDownloadsItsZarrStores()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/research.html", "capturer");
        var runId = await StartRunAsync(page, "capture", "prompts_harmless.txt", """{"detail": "summary", "max_new_tokens": 4, "limit": 2}""");
        var row = page.Locator($"#run-rows tr.run[data-id=\"{runId}\"]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 180_000 });
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#export-run")).ToHaveTextAsync("Download Zarr export");
        await Assertions.Expect(page.Locator("#results table.per-prompt tbody tr")).ToHaveCountAsync(2);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-run"));
        var file = Path.Combine(Screenshots.Folder, "..", download.SuggestedFilename);
        await download.SaveAsAsync(file);
        using var zip = System.IO.Compression.ZipFile.OpenRead(file);
        var groups = zip.Entries.Where(e => e.FullName.EndsWith(".zarr/.zgroup", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        Assert.True(groups.Count == 2, $"the export {download.SuggestedFilename} holds {groups.Count} Zarr groups, not one per prompt: {string.Join(", ", zip.Entries.Select(e => e.FullName).Take(20))}");
        await Screenshots.SaveAsync(page, "research-capture", output);
        output.WriteLine($"export: {file} ({new FileInfo(file).Length} bytes, {zip.Entries.Count} entries)");
        user.AssertClean();
    }

    [Fact]
    public async Task AnUnknownSettingIsRefusedNamingIt()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/research.html", "careless-runner");
        await page.SelectOptionAsync("#run-kind", "mmlu");
        await page.FillAsync("#run-settings", """{"shotz": 2}""");
        await page.ClickAsync("#start-run");
        var notice = page.Locator("#notices .notice.error[data-status=\"400\"]");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("shotz");
        await Assertions.Expect(page.Locator("#run-rows td.empty")).ToBeVisibleAsync();
        user.AssertClean();
    }

    [Fact]
    public async Task SettingsThatAreNotJsonAreRefusedBeforeAnythingIsSent()
    {
        await using var user = await app.NewUserAsync();
        var page = await SignIn.OpenAsync(user.Context, "/research.html", "hasty-runner");
        var posted = false;
        page.Request += (_, request) => posted |= request.Method == "POST" && request.Url.Contains("/api/research/runs", StringComparison.Ordinal);
        await page.FillAsync("#run-settings", "{ batch_size: 8 ");
        await page.ClickAsync("#start-run");
        await Assertions.Expect(page.Locator("#notices .notice.error[data-status=\"400\"]")).ToContainTextAsync("settings: not valid JSON");
        Assert.False(posted, "the page sent a run whose settings were not JSON");
        user.AssertClean();
    }

    /// <summary>Fills the form, starts the run and returns its id (the row the page adds).</summary>
    private static async Task<string> StartRunAsync(IPage page, string kind, string dataset, string settings)
    {
        await page.SelectOptionAsync("#run-kind", kind);
        await page.SelectOptionAsync("#run-model", "stories260K");
        await page.FillAsync("#run-dataset", dataset);
        await page.FillAsync("#run-settings", settings);
        var response = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/research/runs", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.ClickAsync("#start-run");
        var answer = await response;
        Assert.True(answer.Ok, $"starting the run answered {answer.Status}: {await answer.TextAsync()}");
        return (await answer.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }
}
