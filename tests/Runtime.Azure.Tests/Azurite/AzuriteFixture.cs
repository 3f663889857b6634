namespace Lens.Runtime.Azure.Tests.Azurite;

/// <summary>One Azurite shared by the contract tests of a collection; stopped when the collection ends.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>The running server.</summary>
    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>
    /// A provider on <paramref name="prefix"/> (default: one of its own, so tests never see each other's data).
    /// Two providers on one prefix share data but not caches, like two silo processes.
    /// </summary>
    public AzureClusterStorage NewStorage(string? prefix = null, int journalSegmentBlocks = Journals.AzureJournalStore.DefaultSegmentBlocks) => new(new AzureStorageOptions
    {
        ConnectionString = Server.ConnectionString,
        Prefix = prefix ?? NewPrefix(),
        JournalSegmentBlocks = journalSegmentBlocks,
    });

    /// <summary>A fresh container/table prefix.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
