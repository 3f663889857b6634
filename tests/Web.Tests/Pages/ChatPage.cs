using System.Text.Json;
using Microsoft.Playwright;

namespace Lens.Web.Tests.Pages;

/// <summary>The chat page (<c>/</c>) as a test drives it: send messages, click tokens, read the lens and attention.</summary>
public sealed class ChatPage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<ChatPage> SignInAsync(IBrowserContext context, string user) =>
        new(await SignIn.OpenAsync(context, "/", user));

    /// <summary>Sends a message with greedy sampling and waits until the streamed turn is re-read from the server.</summary>
    public async Task SendAsync(string message, int maxNewTokens)
    {
        var before = await Page.Locator(".message[data-role=assistant]:not(.pending) .tok").CountAsync();
        var sampling = Page.Locator("details.sampling");
        if (await sampling.GetAttributeAsync("open") is null) await sampling.Locator("summary").ClickAsync();
        await Page.FillAsync("#max-new-tokens", maxNewTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.FillAsync("#message", message);
        await Page.ClickAsync("#send");
        await Assertions.Expect(Page.Locator("#stop")).ToBeHiddenAsync(new() { Timeout = 120_000 });
        await Page.WaitForFunctionAsync(
            "n => !document.querySelector('.message.pending') && document.querySelectorAll('.message[data-role=assistant] .tok').length > n",
            before, new() { Timeout = 30_000 });
    }

    /// <summary>The open conversation's id (kept in the address: <c>#c=id</c>).</summary>
    public async Task<string?> ConversationIdAsync() =>
        await Page.EvaluateAsync<string?>("() => { const m = /^#c=(.+)$/.exec(location.hash); return m ? decodeURIComponent(m[1]) : null; }");

    /// <summary>Ids of the conversations listed on the left.</summary>
    public async Task<IReadOnlyList<string>> ListedConversationsAsync() =>
        await Page.Locator("#conversation-list li.conversation").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.id)");

    /// <summary>Positions of the transcript's tokens of one role.</summary>
    public async Task<IReadOnlyList<int>> TokenPositionsAsync(string role) =>
        await Page.Locator($".tok[data-role={role}]").EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.position))");

    /// <summary>Clicks the token at <paramref name="position"/>; returns the URL the page asked activations from
    /// and waits until the lens shows that position.</summary>
    public async Task<string> ClickTokenAsync(int position)
    {
        var response = Page.WaitForResponseAsync(r => r.Url.Contains("/api/activations/", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await Page.ClickAsync($".tok[data-position=\"{position}\"]");
        var url = (await response).Url;
        await Page.Locator($"#lens-trajectories .trajectories[data-position=\"{position}\"]").WaitForAsync();
        return url;
    }

    /// <summary>Every heat-map cell the page shows.</summary>
    public async Task<IReadOnlyList<HeatmapCell>> HeatmapAsync()
    {
        var json = await Page.Locator("#lens-map td.cell").EvaluateAllAsync<JsonElement>(
            "els => els.map(e => ({ layer: Number(e.dataset.layer), position: Number(e.dataset.position), text: e.innerText, prob: Number(e.dataset.prob) }))");
        return json.EnumerateArray().Select(e => new HeatmapCell(
            e.GetProperty("layer").GetInt32(), e.GetProperty("position").GetInt32(), e.GetProperty("text").GetString()!, e.GetProperty("prob").GetDouble())).ToList();
    }

    /// <summary>Column heads: the input token text per position.</summary>
    public async Task<IReadOnlyList<string>> HeatmapInputsAsync() =>
        await Page.Locator("#lens-map th.input").EvaluateAllAsync<string[]>("els => els.map(e => e.innerText)");

    /// <summary>Hovers a cell and reads the top-k list it shows: (token text on screen, percentage shown).</summary>
    public async Task<IReadOnlyList<(string Token, string Percent)>> HoverTopKAsync(int layer, int position)
    {
        await Page.HoverAsync($"#lens-map td.cell[data-layer=\"{layer}\"][data-position=\"{position}\"]");
        await Page.Locator($"#lens-details .details-head:has-text(\"layer {layer} · position {position}\")").WaitForAsync();
        var rows = await Page.Locator("#lens-details table.topk tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('code.token').innerText, r.querySelector('td.prob').innerText])");
        return rows.Select(r => (r[0], r[1])).ToList();
    }

    /// <summary>Attention metric cells: (metric, layer, head) → value behind the colour.</summary>
    public async Task<IReadOnlyDictionary<(string Metric, int Layer, int Head), double>> AttentionMetricsAsync()
    {
        var json = await Page.Locator("#attention figure.metric td").EvaluateAllAsync<JsonElement>(
            "els => els.map(e => ({ metric: e.closest('figure').dataset.metric, layer: Number(e.dataset.layer), head: Number(e.dataset.head), value: Number(e.dataset.value) }))");
        return json.EnumerateArray().ToDictionary(
            e => (e.GetProperty("metric").GetString()!, e.GetProperty("layer").GetInt32(), e.GetProperty("head").GetInt32()),
            e => e.GetProperty("value").GetDouble());
    }

    /// <summary>The transcript's tokens in order: (position, text exactly as shown).</summary>
    public async Task<IReadOnlyList<(int Position, string Text)>> TranscriptAsync()
    {
        var json = await Page.Locator("#transcript .tok").EvaluateAllAsync<JsonElement>(
            "els => els.map(e => ({ position: Number(e.dataset.position), text: e.textContent }))");
        return json.EnumerateArray().Select(e => (e.GetProperty("position").GetInt32(), e.GetProperty("text").GetString() ?? "")).ToList();
    }
}
