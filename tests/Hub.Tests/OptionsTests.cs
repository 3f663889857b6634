using Lens.Hub.Tests.Models;
using Lens.Tests;

namespace Lens.Hub.Tests;

/// <summary>HubOptions.FromEnvironment reads what huggingface_hub reads, with the same precedence.</summary>
public sealed class OptionsTests : HubTestBase
{
    private static HubOptions From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        map.TryAdd("HOME", "/home/researcher");
        return HubOptions.FromEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void TheCacheDefaultsToTheUsersHuggingFaceFolder() =>
        Assert.Equal("/home/researcher/.cache/huggingface/hub", From().CacheDirectory);

    [Fact]
    public void XdgCacheHomeMovesTheDefault() =>
        Assert.Equal("/xdg/huggingface/hub", From(("XDG_CACHE_HOME", "/xdg")).CacheDirectory);

    [Fact]
    public void HfHomeHoldsTheCache() =>
        Assert.Equal("/data/hf/hub", From(("HF_HOME", "/data/hf"), ("XDG_CACHE_HOME", "/xdg")).CacheDirectory);

    [Fact]
    public void HfHubCacheWinsOverHfHome() =>
        Assert.Equal("/fast/cache", From(("HF_HUB_CACHE", "/fast/cache"), ("HF_HOME", "/data/hf")).CacheDirectory);

    [Fact]
    public void ATildeMeansHome() =>
        Assert.Equal("/home/researcher/hf/hub", From(("HF_HOME", "~/hf")).CacheDirectory);

    [Fact]
    public void TheEndpointDefaultsToHuggingFaceAndFollowsHfEndpoint()
    {
        Assert.Equal(new Uri("https://huggingface.co"), From().Endpoint);
        Assert.Equal(new Uri("https://hf-mirror.example"), From(("HF_ENDPOINT", "https://hf-mirror.example/")).Endpoint);
    }

    [Theory]
    [InlineData("huggingface.co")]
    [InlineData("ftp://mirror.example")]
    public void ABadHfEndpointIsNamed(string endpoint)
    {
        var failure = Assert.Throws<ArgumentException>(() => From(("HF_ENDPOINT", endpoint)));
        Assert.Contains($"HF_ENDPOINT must be an absolute http(s) URL such as https://huggingface.co, got '{endpoint}'", failure.Message);
    }

    [Fact]
    public void TheTokenComesFromHfTokenElseTheTokenFile()
    {
        var hfHome = TestPaths.TempFolder("hf-home");
        File.WriteAllText(Path.Combine(hfHome, "token"), "hf_from_file\n");
        var elsewhere = Path.Combine(TestPaths.TempFolder("hf-token"), "my-token");
        File.WriteAllText(elsewhere, "hf_from_token_path");

        Assert.Null(From().Token);
        Assert.Equal("hf_from_file", From(("HF_HOME", hfHome)).Token);
        Assert.Equal("hf_from_token_path", From(("HF_HOME", hfHome), ("HF_TOKEN_PATH", elsewhere)).Token);
        Assert.Equal("hf_from_env", From(("HF_HOME", hfHome), ("HF_TOKEN", "hf_from_env")).Token);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void HfHubOfflineIsAFlag(string value, bool offline) =>
        Assert.Equal(offline, From(("HF_HUB_OFFLINE", value)).Offline);

    [Fact]
    public async Task AClientFromTheEnvironmentUsesItsEndpointCacheAndToken()
    {
        var repo = Hub.AddRepo("org/private");
        repo.Commit(TestModels.Stories260K());
        repo.PrivateToken = "hf_env_token";
        var options = From(("HF_ENDPOINT", Hub.Endpoint.AbsoluteUri), ("HF_HUB_CACHE", Cache), ("HF_TOKEN", "hf_env_token"));

        var folder = await new HubClient(options).ResolveAsync("org/private");

        Assert.StartsWith(RepoFolder("org/private"), folder);
        Assert.NotEmpty(Hub.Requests);
        Assert.All(Hub.Requests.Where(r => !r.IsCdn), r => Assert.Equal("Bearer hf_env_token", r.Authorization));
    }
}
