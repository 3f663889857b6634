using Lens.Tests.Azurite;

namespace Lens.Storage.Tests.Azurite;

/// <summary>One Azurite for a test collection (starting one costs seconds); tests keep apart by unique names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A prefix no other test uses, for containers and tables.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];
}

/// <summary>Tests that share one Azurite and leave it running.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>Tests that stop or freeze their Azurite: a server of their own, so other tests never meet an outage.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteOutageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite outages";
}
