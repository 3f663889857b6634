using Lens.Grains.Models;
using Lens.Grains.Research;
using Lens.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lens.Cluster.Tests.Configuration;

/// <summary>Serving and research limits come from configuration (Lens:Serving, Lens:Research) and bad ones are refused by name.</summary>
public sealed class ServingLimitsTests
{
    [Fact]
    public void ConfiguredLimitsReachTheServingAndResearchOptions()
    {
        using var host = Build(("Lens:Serving:SessionMemoryBytes", "1048576"), ("Lens:Serving:MaxBatch", "3"), ("Lens:Research:MaxConcurrentRuns", "2"));
        var serving = host.Services.GetRequiredService<IOptions<ModelServingOptions>>().Value;
        Assert.Equal((1048576L, 3), (serving.SessionMemoryBytes, serving.MaxBatch));
        Assert.Equal(new ModelServingOptions().ActivationMemoryBytes, serving.ActivationMemoryBytes); // unset: the default
        Assert.Equal(2, host.Services.GetRequiredService<IOptions<ResearchOptions>>().Value.MaxConcurrentRuns);
    }

    [Theory]
    [InlineData("Lens:Serving:MaxBatch", "0", "Lens:Serving:MaxBatch must be at least 1")]
    [InlineData("Lens:Serving:Threads", "-2", "Lens:Serving:Threads must be 0 (one per core) or more")]
    [InlineData("Lens:Serving:SessionMemoryBytes", "-1", "every *Bytes bound must be 0 or more")]
    [InlineData("Lens:Research:MaxConcurrentRuns", "0", "ResearchOptions.MaxConcurrentRuns must be at least 1")]
    public void ALimitThatCannotWorkIsRefusedNamingIt(string key, string value, string message)
    {
        using var host = Build((key, value));
        var e = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            _ = host.Services.GetRequiredService<IOptions<ModelServingOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ResearchOptions>>().Value;
        });
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsRefusedNamingItsKey()
    {
        using var host = Build(("Lens:Serving:MaxQueue", "many"));
        var e = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<ModelServingOptions>>().Value);
        Assert.Contains("Lens:Serving:MaxQueue", e.Message);
    }

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddServingLimits();
        builder.UseOrleans(silo => silo.AddLensResearch()); // where the research rules are registered, as in a silo
        return builder.Build();
    }
}
