using System.Globalization;
using Lens.Client;
using Lens.Tests;
using Lens.Tests.Azurite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Web.Tests.App;

/// <summary>
/// The real web app (<see cref="LensWebApp"/>) in this process: the HTTP API and the pages from client/wwwroot on a
/// free 127.0.0.1 port, with a co-hosted silo serving stories260K. By default the silo keeps its data on the file
/// store in a fresh folder; <c>settings</c> (LENS_* names) override that, e.g. to join a cluster on Azurite.
/// </summary>
public sealed class LensServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private LensServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the pages and the API are, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }

    public static async Task<LensServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string>
        {
            ["contentRoot"] = Path.Combine(TestPaths.RepoRoot, "client"),
            ["LENS_HTTP_HOST"] = "127.0.0.1",
            ["LENS_HTTP_PORT"] = "0",
            ["LENS_DATA_DIR"] = TestPaths.TempFolder("web-app"),
            ["LENS_CLUSTER_ID"] = "web-" + Guid.NewGuid().ToString("N")[..8],
            ["LENS_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["LENS_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["LENS_MODELS"] = $"stories260K={TestPaths.Stories260KHf}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) values[name] = value;
        var app = LensWebApp.Create(values.SelectMany(v => new[] { $"--{v.Key}", v.Value }).ToArray());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the web app started without an HTTP address");
        return new LensServer(app, address.TrimEnd('/'));
    }

    /// <summary>Stops the silo and the API at once, the way Orleans' own test cluster kills a silo: the stop is
    /// given an already-cancelled token, so no graceful leave (no grain hand-over, no waiting for calls).</summary>
    public async Task KillAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try { await _app.StopAsync(now.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _app.StopAsync(limit.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }
}
