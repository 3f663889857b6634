using Lens.Grains.Placement;
using System.Net;
using System.Net.Http.Headers;
using Lens.Client.Apis;
using Lens.Grains.Models;
using Lens.Grains.Research;
using Lens.Storage.Hosting;
using Lens.Tests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Lens.Product.Tests.Research;

/// <summary>
/// Kestrel on 127.0.0.1 (a free port) serving the research routes (<see cref="ResearchApi.MapResearchApi"/>) and the
/// product routes (for the dashboard), with a silo in the same process that runs research on both test models and keeps
/// its journals in the Lens file storage (<see cref="AzureResearchWebHost"/>: in Azure Storage). Users sign in with the
/// test scheme: <c>Bearer NAME</c> or <c>?access_token=NAME</c>.
/// </summary>
public class ResearchWebHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Configuration the host starts with (e.g. <c>Lens:Api:Burst</c>); set before it starts.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public string DatasetFolder { get; } = TestPaths.TempFolder("research-web-datasets");
    private string DataFolder { get; } = TestPaths.TempFolder("research-web");

    public virtual async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            var ports = Lens.Tests.Azurite.FreePort.Many(2);
            var (siloPort, gatewayPort) = (ports[0], ports[1]);
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            UseStorage(silo);
            silo.AddModelPlacement([ResearchModels.Stories, ResearchModels.Perturbed]);
            silo.AddLensResearch(o =>
            {
                o.DatasetDirectories.Add(DatasetFolder);
                o.OutputDirectory = Path.Combine(DataFolder, "research");
            });
        });
        builder.Services.AddSingleton<IReadOnlyList<ModelSource>>(
            [new(ResearchModels.Stories, TestPaths.Stories260KHf), new(ResearchModels.Perturbed, ResearchModels.PerturbedCopy())]);
        builder.Services.AddLensModelServing(o =>
        {
            o.ActivationDirectory = Path.Combine(DataFolder, "activations");
            o.Threads = ResearchCluster.Threads;
        });
        builder.Services.AddResearchApi();
        builder.Services.AddAuthentication(TestUserAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestUserAuthentication>(TestUserAuthentication.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapLensProductApis();
        _app.MapResearchApi();
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    /// <summary>A client signed in as <paramref name="user"/> (none: anonymous).</summary>
    public HttpClient Client(string? user)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };
        if (user is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user);
        return client;
    }

    public string Dataset(string name, string content)
    {
        File.WriteAllText(Path.Combine(DatasetFolder, name), content);
        return name;
    }

    /// <summary>Where the silo keeps grain state, journals and reminders: files under a temp folder.</summary>
    protected virtual void UseStorage(ISiloBuilder silo) => silo.AddLensFileStorage(Path.Combine(DataFolder, "storage"));

    public virtual async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
