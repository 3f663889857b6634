using Lens.Grains.Placement;
using Lens.Storage.Hosting;
using System.Net;
using System.Net.Http.Headers;
using Lens.Client.Apis;
using Lens.Grains.Models;
using Lens.Grains.Models.Serving;
using Lens.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Lens.Product.Tests;

/// <summary>
/// Kestrel on 127.0.0.1 (a free port) serving <see cref="ProductApis.MapLensProductApis"/> with an Orleans silo in the
/// same process holding stories260K: the product API end to end, with the Lens file storage (see
/// <see cref="AzureProductWebHost"/> for Azure Storage). Decodes one stream at a time with one waiting (so a test can
/// fill the queue) and allows 20 requests/s per user.
/// </summary>
public class ProductWebHost : IAsyncLifetime
{
    private WebApplication _app = null!;

    public GatedForward Gate { get; } = new();
    public Uri Address { get; private set; } = null!;
    private string DataDirectory { get; } = TestPaths.TempFolder("web-data");

    public virtual async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["Lens:Api:RequestsPerSecond"] = "20";
        builder.Configuration["Lens:Api:Burst"] = "40";
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            var ports = Lens.Tests.Azurite.FreePort.Many(2);
            var (siloPort, gatewayPort) = (ports[0], ports[1]);
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            UseStorage(silo);
            silo.AddModelPlacement([ProductCluster.Model, ProductCluster.BrokenModel]);
        });
        builder.Services.AddSingleton<IReadOnlyList<ModelSource>>(
            [new ModelSource(ProductCluster.Model, TestPaths.Stories260KHf), new ModelSource(ProductCluster.BrokenModel, Path.Combine(DataDirectory, "no-such-weights"))]);
        builder.Services.AddSingleton<IBatchedForward>(Gate);
        builder.Services.AddLensModelServing(o =>
        {
            o.ActivationDirectory = TestPaths.TempFolder("web-activations");
            o.ReportInterval = TimeSpan.FromMilliseconds(200);
            o.Threads = 1;
            o.MaxBatch = 1;
            o.MaxQueue = 1;
        });
        builder.Services.AddAuthentication(TestUserAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestUserAuthentication>(TestUserAuthentication.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapLensProductApis();
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
        await Eventually.True(() => Healthy().GetAwaiter().GetResult(), "the silo reporting stories260K to the model directory", every: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The model as loaded in this host's silo.</summary>
    public ServedModel Served() => _app.Services.GetRequiredService<LocalModels>().Get(ProductCluster.Model);

    /// <summary>A client signed in as <paramref name="user"/> (none: anonymous).</summary>
    public HttpClient Client(string? user)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user);
        return client;
    }

    private async Task<bool> Healthy()
    {
        using var client = Client(null);
        var health = await client.GetStringAsync("/api/health");
        return health.Contains("\"ok\"", StringComparison.Ordinal);
    }

    /// <summary>Where the silo keeps grain state, journals and reminders: files under a temp folder.</summary>
    protected virtual void UseStorage(ISiloBuilder silo) => silo.AddLensFileStorage(DataDirectory);

    public virtual async Task DisposeAsync()
    {
        Gate.Open();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(nameof(ProductWebHost))]
public sealed class ProductWebHostCollection : ICollectionFixture<ProductWebHost>;
