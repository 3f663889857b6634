using System.Text.Json;
using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>Chat with the real app and its model; every number the lens and attention panels show is compared
/// with what /api/activations answers for the same request.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ChatTests(WebAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task ClickingAGeneratedTokenShowsTheLensTheApiReturns()
    {
        await using var user = await app.NewUserAsync();
        var chat = await ChatPage.SignInAsync(user.Context, "lens-reader");
        await chat.SendAsync("Once upon a time", maxNewTokens: 8);
        var generated = await chat.TokenPositionsAsync("assistant");
        Assert.NotEmpty(generated);
        var position = generated[^1];

        var url = await chat.ClickTokenAsync(position);
        using var api = new ApiClient(app.Server.BaseUrl, await SignIn.TokenAsync(chat.Page));
        var expected = await api.GetJsonAsync(url);
        output.WriteLine($"activations: {url}");

        var tokens = expected.GetProperty("tokens").EnumerateArray().ToList();
        var layers = expected.GetProperty("layers").EnumerateArray().Select(l => l.GetInt32()).ToList();
        var cells = expected.GetProperty("cells");
        Assert.Equal(position, tokens[^1].GetProperty("position").GetInt32());
        Assert.Equal(tokens.Select(t => TokenText.Visible(t.GetProperty("text").GetString())), await chat.HeatmapInputsAsync());

        var shown = await chat.HeatmapAsync();
        Assert.Equal(tokens.Count * layers.Count, shown.Count);
        foreach (var cell in shown)
        {
            var col = tokens.FindIndex(t => t.GetProperty("position").GetInt32() == cell.Position);
            var row = layers.IndexOf(cell.Layer);
            Assert.True(col >= 0 && row >= 0, $"the page shows layer {cell.Layer} position {cell.Position}, which the API did not send");
            var want = cells[col][row];
            Assert.Equal(TokenText.Visible(want.GetProperty("token").GetString()), cell.Text);
            Assert.Equal(want.GetProperty("prob").GetDouble(), cell.Prob, 6);
        }

        // Hover the clicked position's final layer: the top-k list is the API's, in its order.
        var topK = await chat.HoverTopKAsync(layers[^1], position);
        var wantTopK = cells[tokens.Count - 1][layers.Count - 1].GetProperty("topk").EnumerateArray().ToList();
        Assert.Equal(wantTopK.Count, topK.Count);
        for (var i = 0; i < topK.Count; i++)
        {
            Assert.Equal(TokenText.Visible(wantTopK[i].GetProperty("token").GetString()), topK[i].Token);
            Assert.True(ShownPercent.Matches(topK[i].Percent, wantTopK[i].GetProperty("prob").GetDouble(), out var why), $"top-{i + 1}: {why}");
        }

        // Attention: every per-head metric of every layer, as the API sent it.
        var metrics = await chat.AttentionMetricsAsync();
        var attention = expected.GetProperty("attention").EnumerateArray().ToList();
        Assert.NotEmpty(attention);
        foreach (var layer in attention)
            foreach (var head in layer.GetProperty("heads").EnumerateArray())
                foreach (var metric in new[] { "entropy", "max", "k_eff", "q_norm" })
                {
                    var key = (metric, layer.GetProperty("layer").GetInt32(), head.GetProperty("head").GetInt32());
                    Assert.True(metrics.TryGetValue(key, out var value), $"no {metric} cell for layer {key.Item2} head {key.Item3}");
                    Assert.Equal(head.GetProperty(metric).GetDouble(), value, 6);
                }

        await Screenshots.SaveAsync(chat.Page, "chat-lens-attention", output);
        user.AssertClean();
    }

    [Fact]
    public async Task TheTranscriptShowsTheConversationsTokensAsText()
    {
        await using var user = await app.NewUserAsync();
        var chat = await ChatPage.SignInAsync(user.Context, "transcript-reader");
        await chat.SendAsync("The cat sat", maxNewTokens: 6);
        var id = await chat.ConversationIdAsync();
        Assert.False(string.IsNullOrEmpty(id), "the page did not keep the new conversation's id");

        using var api = new ApiClient(app.Server.BaseUrl, await SignIn.TokenAsync(chat.Page));
        var conversation = await api.GetJsonAsync($"/api/conversations/{Uri.EscapeDataString(id!)}");
        var want = conversation.GetProperty("tokens").EnumerateArray()
            .Select(t => (Position: t.GetProperty("position").GetInt32(), Text: t.GetProperty("text").GetString() ?? "")).ToList();
        var shown = await chat.TranscriptAsync();
        Assert.Equal(want, shown);
        Assert.Contains(id!, await chat.ListedConversationsAsync());
        user.AssertClean();
    }
}
