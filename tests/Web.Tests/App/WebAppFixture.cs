using Lens.Web.Tests.Browser;

namespace Lens.Web.Tests.App;

/// <summary>One real web app (single co-hosted silo) and one Chromium shared by the page tests; each test opens
/// its own users (browser contexts).</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public LensServer Server { get; private set; } = null!;
    public Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LensServer.StartAsync();
        Chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh browser user (own localStorage and cookies) whose requests may only reach the app.</summary>
    public Task<BrowserUser> NewUserAsync() => BrowserUser.OpenAsync(Chromium, Server.BaseUrl);

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
