using Lens.Storage.Hosting;
using Microsoft.Extensions.Hosting;

namespace Lens.Storage.Tests.Hosting;

/// <summary>The wiring methods refuse bad arguments with a message saying what was wrong.</summary>
public sealed class LensStorageWiringTests
{
    [Fact]
    public void AnEmptyDataDirectoryIsRefused() =>
        Assert.Contains("needs a data directory", Configure(silo => silo.AddLensFileStorage(" ")).Message, StringComparison.Ordinal);

    [Fact]
    public void AnEmptyConnectionStringIsRefused() =>
        Assert.Contains("connection string", Configure(silo => silo.AddLensAzureStorage("")).Message, StringComparison.Ordinal);

    [Fact]
    public void AConnectionStringThatIsNotOneIsRefused() =>
        Assert.Contains("not a usable storage account connection string", Configure(silo => silo.AddLensAzureStorage("just some words")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Lens")]
    [InlineData("1lens")]
    [InlineData("lens-test")]
    [InlineData("")]
    public void APrefixThatCannotStartContainerAndTableNamesIsRefused(string prefix) =>
        Assert.Contains($"prefix '{prefix}' is invalid", Configure(silo => silo.AddLensAzureStorage("UseDevelopmentStorage=true", prefix)).Message, StringComparison.Ordinal);

    private static ArgumentException Configure(Action<ISiloBuilder> configure)
    {
        var host = Host.CreateApplicationBuilder();
        ArgumentException? thrown = null;
        host.UseOrleans(silo => thrown = Assert.ThrowsAny<ArgumentException>(() => configure(silo)));
        return thrown ?? throw new InvalidOperationException("UseOrleans did not run the configuration");
    }
}
