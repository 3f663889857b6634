using System.Net;
using Lens.Web.Tests.App;
using Lens.Web.Tests.Browser;
using Lens.Web.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lens.Web.Tests;

/// <summary>Two people signed in at once see only their own conversations, in the list and by address.</summary>
[Collection(WebAppCollection.Name)]
public sealed class IsolationTests(WebAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoUsersCannotSeeEachOthersConversations()
    {
        await using var aliceUser = await app.NewUserAsync();
        await using var bobUser = await app.NewUserAsync();
        var alice = await ChatPage.SignInAsync(aliceUser.Context, "alice");
        var bob = await ChatPage.SignInAsync(bobUser.Context, "bob");
        await alice.SendAsync("Alice's secret story", maxNewTokens: 4);
        await bob.SendAsync("Bob's own story", maxNewTokens: 4);
        var aliceId = await alice.ConversationIdAsync();
        var bobId = await bob.ConversationIdAsync();
        Assert.NotNull(aliceId);
        Assert.NotNull(bobId);
        Assert.NotEqual(aliceId, bobId);

        await alice.Page.ReloadAsync();
        await bob.Page.ReloadAsync();
        await alice.Page.Locator("#conversation-list li.conversation").First.WaitForAsync();
        await bob.Page.Locator("#conversation-list li.conversation").First.WaitForAsync();
        var aliceList = await alice.ListedConversationsAsync();
        var bobList = await bob.ListedConversationsAsync();
        Assert.Contains(aliceId!, aliceList);
        Assert.DoesNotContain(bobId!, aliceList);
        Assert.Contains(bobId!, bobList);
        Assert.DoesNotContain(aliceId!, bobList);
        await Screenshots.SaveAsync(alice.Page, "isolation-alice", output);

        // Bob opens Alice's conversation by its address: the page says no, and shows none of it.
        await bob.Page.GotoAsync($"/#c={Uri.EscapeDataString(aliceId!)}");
        await bob.Page.ReloadAsync();
        var refusal = bob.Page.Locator("#notices .notice.error");
        await Assertions.Expect(refusal).ToBeVisibleAsync();
        var status = await refusal.GetAttributeAsync("data-status");
        Assert.True(status is "403" or "404", $"Bob opening Alice's conversation showed a notice with status {status}: {await refusal.InnerTextAsync()}");
        Assert.Empty(await bob.TranscriptAsync());
        await Screenshots.SaveAsync(bob.Page, "isolation-bob-refused", output);

        // The API agrees with the page.
        using var bobApi = new ApiClient(app.Server.BaseUrl, await SignIn.TokenAsync(bob.Page));
        var (code, body) = await bobApi.GetAsync($"/api/conversations/{Uri.EscapeDataString(aliceId!)}");
        Assert.True(code is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"GET Alice's conversation as Bob answered {(int)code}: {body}");
        aliceUser.AssertClean();
        bobUser.AssertClean();
    }
}
