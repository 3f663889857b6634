using System.Net;
using Lens.Client;
using Lens.Client.Configuration;
using Lens.Grains.Models;
using Lens.Silo.Configuration;
using Lens.Tests;
using Microsoft.Extensions.Configuration;

namespace Lens.Cluster.Tests.Configuration;

public sealed class SettingsTests
{
    [Fact]
    public void TheDefaultsAreTheEmbeddedSingleNodeCluster()
    {
        var settings = LensSettings.From(Config(), contentRoot: TestPaths.RepoRoot);
        var web = WebSettings.From(Config(), settings);

        Assert.Equal(StorageKind.File, settings.Storage);
        Assert.Equal(Path.GetFullPath(".lens-data"), settings.DataDirectory);
        Assert.Equal(("lens", 11111, 30000), (settings.ClusterId, settings.SiloPort, settings.GatewayPort));
        Assert.Equal(IPAddress.Loopback, settings.Host);
        Assert.Equal((IPAddress.Loopback, 5080, true, true), (web.HttpHost, web.HttpPort, web.CoHost, web.DashboardRequiresSignIn));
        Assert.Equal(TimeSpan.FromDays(7), web.TokenLifetime);
    }

    [Fact]
    public void LensDatasetsNamesTheFoldersResearchReadsAndEachMustExist()
    {
        var data = TestPaths.TempFolder("settings-data");
        Assert.Equal([Path.Combine(data, "datasets")], LensSettings.From(Config(("LENS_DATA_DIR", data))).Datasets);
        var (a, b) = (TestPaths.TempFolder("datasets-a"), TestPaths.TempFolder("datasets-b"));
        Assert.Equal([a, b], LensSettings.From(Config(("LENS_DATASETS", $"{a}; {b}"))).Datasets);

        var missing = Path.Combine(a, "no-such-folder");
        var e = Assert.Throws<LensConfigurationException>(() => LensSettings.From(Config(("LENS_DATASETS", $"{a};{missing}"))));
        Assert.Contains("LENS_DATASETS", e.Message);
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void WithoutLensModelsTheSharedStoriesModelIsTheDefault()
    {
        var model = Assert.Single(LensSettings.From(Config(), contentRoot: TestPaths.RepoRoot).Models);

        Assert.Equal(new ModelSource("stories260K", TestPaths.Stories260KHf), model);
        Assert.Empty(LensSettings.From(Config(("LENS_MODELS", "")), contentRoot: TestPaths.RepoRoot).Models);
    }

    [Fact]
    public void LensModelsListsTheModelsTheSiloHolds()
    {
        var models = LensSettings.From(Config(("LENS_MODELS", "tiny=/models/tiny; /models/other-model ; big=org/big@main"))).Models;

        Assert.Equal([new ModelSource("tiny", "/models/tiny"), new ModelSource("other-model", "/models/other-model"), new ModelSource("big", "org/big@main")], models);
    }

    [Fact]
    public void AzureModeDefaultsToAnExternalClient()
    {
        var settings = LensSettings.From(Config(("LENS_STORAGE", "Azure"), ("LENS_AZURE_CONNECTION", "UseDevelopmentStorage=true")));

        Assert.Equal(StorageKind.Azure, settings.Storage);
        Assert.False(WebSettings.From(Config(), settings).CoHost);
        Assert.True(WebSettings.From(Config(("LENS_COHOST", "true")), settings).CoHost);
    }

    [Fact]
    public void AnEmptyAuthKeyMeansUnset()
    {
        var cluster = LensSettings.From(Config());

        Assert.Null(WebSettings.From(Config(("LENS_AUTH_KEY", "")), cluster).AuthKey);
        Assert.Equal("0123456789abcdef", WebSettings.From(Config(("LENS_AUTH_KEY", "0123456789abcdef")), cluster).AuthKey);
    }

    [Fact]
    public void AppSettingsValuesAreReadWhenNoEnvironmentVariableIsSet()
    {
        var settings = LensSettings.From(Config(("Lens:SiloPort", "12000"), ("Lens:GatewayPort", "12001"), ("LENS_GATEWAY_PORT", "12002")));

        Assert.Equal((12000, 12002), (settings.SiloPort, settings.GatewayPort));
    }

    [Theory]
    [InlineData("LENS_STORAGE", "s3", "LENS_STORAGE must be 'file' or 'azure', not 's3'")]
    [InlineData("LENS_SILO_PORT", "eleven", "LENS_SILO_PORT must be a port number 1–65535, not 'eleven'")]
    [InlineData("LENS_GATEWAY_PORT", "70000", "LENS_GATEWAY_PORT must be a port number 1–65535, not '70000'")]
    [InlineData("LENS_GATEWAY_PORT", "11111", "LENS_SILO_PORT and LENS_GATEWAY_PORT must differ")]
    [InlineData("LENS_HOST", "my-host", "LENS_HOST must be an IP address")]
    [InlineData("LENS_MODELS", "a=x;a=y", "LENS_MODELS names the model 'a' twice")]
    [InlineData("LENS_MODELS", "=x", "LENS_MODELS entry '=x' needs the form name=location")]
    [InlineData("LENS_HTTP_PORT", "-1", "LENS_HTTP_PORT must be a port number 0–65535, not '-1'")]
    [InlineData("LENS_HTTP_HOST", "example.org", "LENS_HTTP_HOST must be an IP address")]
    [InlineData("LENS_COHOST", "yes", "LENS_COHOST must be true or false, not 'yes'")]
    [InlineData("LENS_AUTH_KEY", "short", "LENS_AUTH_KEY must be at least 16 characters long")]
    [InlineData("LENS_AUTH_TOKEN_LIFETIME", "a week", "LENS_AUTH_TOKEN_LIFETIME must be a positive TimeSpan")]
    [InlineData("LENS_DASHBOARD_AUTH", "on", "LENS_DASHBOARD_AUTH must be true or false, not 'on'")]
    public void MalformedSettingsStopTheAppNamingTheSettingAndValue(string name, string value, string message)
    {
        var error = Assert.Throws<LensConfigurationException>(() => LensWebApp.Create([$"--{name}", value, "--LENS_DATA_DIR", TestPaths.TempFolder("settings")]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureStorageWithoutAConnectionStringSaysWhatToSet()
    {
        var error = Assert.Throws<LensConfigurationException>(() => LensSettings.From(Config(("LENS_STORAGE", "azure"))));

        Assert.Contains("LENS_AZURE_CONNECTION", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
