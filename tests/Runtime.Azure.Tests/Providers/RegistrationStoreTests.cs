using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class RegistrationStoreTests(AzuriteFixture azurite)
{
    private const string Grain = "conversation/a";

    [Fact]
    public async Task TheFirstRegistrationWinsAndLaterOnesGetTheWinner()
    {
        using var storage = azurite.NewStorage();

        var first = await storage.Registrations.RegisterAsync(Proposal("silo-1", "act-1"), null);
        var second = await storage.Registrations.RegisterAsync(Proposal("silo-2", "act-2"), null);

        Assert.Equal("act-1", first.ActivationId);
        Assert.NotNull(first.ETag);
        Assert.Equal(first, second);
        Assert.Equal(first, await storage.Registrations.LookupAsync(Grain));
    }

    [Fact]
    public async Task ATakeoverNeedsTheETagOfTheRegistrationItReplaces()
    {
        using var storage = azurite.NewStorage();
        var dead = await storage.Registrations.RegisterAsync(Proposal("silo-1", "act-1"), null);
        var takeover = await storage.Registrations.RegisterAsync(Proposal("silo-2", "act-2"), dead.ETag);

        var late = await storage.Registrations.RegisterAsync(Proposal("silo-3", "act-3"), dead.ETag);

        Assert.Equal("act-2", takeover.ActivationId);
        Assert.Equal(takeover, late);
    }

    [Fact]
    public async Task ATakeoverOfAVanishedRegistrationSucceeds()
    {
        using var storage = azurite.NewStorage();
        var gone = await storage.Registrations.RegisterAsync(Proposal("silo-1", "act-1"), null);
        Assert.True(await storage.Registrations.UnregisterAsync(Grain, gone.ETag!));

        var fresh = await storage.Registrations.RegisterAsync(Proposal("silo-2", "act-2"), gone.ETag);

        Assert.Equal("act-2", fresh.ActivationId);
    }

    [Fact]
    public async Task UnregisterNeedsTheCurrentETag()
    {
        using var storage = azurite.NewStorage();
        var first = await storage.Registrations.RegisterAsync(Proposal("silo-1", "act-1"), null);
        var second = await storage.Registrations.RegisterAsync(Proposal("silo-2", "act-2"), first.ETag);

        Assert.False(await storage.Registrations.UnregisterAsync(Grain, first.ETag!));
        Assert.True(await storage.Registrations.UnregisterAsync(Grain, second.ETag!));
        Assert.Null(await storage.Registrations.LookupAsync(Grain));
    }

    [Fact]
    public async Task OfManyConcurrentProposalsExactlyOneIsRegistered()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var providers = Enumerable.Range(0, 4).Select(_ => azurite.NewStorage(prefix)).ToList();
        try
        {
            var results = await Task.WhenAll(providers.Select((p, i) => p.Registrations.RegisterAsync(Proposal($"silo-{i}", $"act-{i}"), null)));

            Assert.Single(results.Select(r => r.ActivationId).Distinct());
        }
        finally
        {
            providers.ForEach(p => p.Dispose());
        }
    }

    private static GrainRegistration Proposal(string silo, string activation) => new(Grain, silo, $"http://{silo}/", activation, null);
}
