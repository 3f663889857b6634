using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lens.Client;
using Lens.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lens.Cluster.Tests.Support;

/// <summary>The whole web app (<see cref="LensWebApp.Create"/>) in this process on free 127.0.0.1 ports.</summary>
internal sealed class LensWebHost : IAsyncDisposable
{
    private LensWebHost(WebApplication app, string dataDirectory, int gatewayPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        GatewayPort = gatewayPort;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string DataDirectory { get; }

    public int GatewayPort { get; }

    /// <summary>
    /// Builds the app with fresh ports and data folder plus <paramref name="settings"/> (LENS_* names), lets
    /// <paramref name="configure"/> add test routes, and starts it.
    /// </summary>
    public static async Task<LensWebHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, Action<WebApplication>? configure = null)
    {
        var ports = Ports.Free(2);
        var values = new Dictionary<string, string>
        {
            ["LENS_HTTP_PORT"] = "0",
            ["LENS_SILO_PORT"] = ports[0].Text(),
            ["LENS_GATEWAY_PORT"] = ports[1].Text(),
            ["LENS_DATA_DIR"] = TestPaths.TempFolder("web"),
            ["LENS_MODELS"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) values[name] = value;
        var app = LensWebApp.Create(values.SelectMany(v => new[] { $"--{v.Key}", v.Value }).ToArray());
        configure?.Invoke(app);
        await app.StartAsync();
        return new LensWebHost(app, values["LENS_DATA_DIR"], int.Parse(values["LENS_GATEWAY_PORT"], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Signs <paramref name="name"/> in and returns the token.</summary>
    public async Task<string> SignInAsync(string name = "alice")
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/sign-in", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A client of this app that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient ClientWith(string token)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
