using System.Globalization;
using System.Net;
using Lens.Cluster.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lens.Cluster.Tests.Web;

/// <summary>Grain RPC (silo and gateway ports) and the public HTTP API are separate doors.</summary>
public sealed class RpcIsolationTests
{
    [Fact]
    public async Task SiloGatewayAndHttpPortsListenOnLoopbackByDefault()
    {
        await using var host = await LensWebHost.StartAsync();
        var settings = host.App.Services.GetRequiredService<Lens.Silo.Configuration.LensSettings>();

        var listening = ListeningSockets();
        foreach (var (what, port) in new[] { ("silo", settings.SiloPort), ("gateway", settings.GatewayPort), ("http", host.Http.BaseAddress!.Port) })
        {
            Assert.True(listening.TryGetValue(port, out var address), $"{what} port {port} is not listening");
            Assert.True(IPAddress.IsLoopback(address), $"{what} port {port} listens on {address}, expected 127.0.0.1");
        }
    }

    [Fact]
    public async Task AnOrleansClientCannotReachGrainsThroughTheHttpPortOnlyThroughTheGateway()
    {
        await using var host = await LensWebHost.StartAsync();

        var throughHttp = await Record.ExceptionAsync(() => ConnectOrleansClientAsync(host.Http.BaseAddress!.Port));
        Assert.NotNull(throughHttp);

        // The same client pointed at the gateway connects: the refusal above is about the port, not the client.
        Assert.Null(await Record.ExceptionAsync(() => ConnectOrleansClientAsync(host.GatewayPort)));
    }

    [Fact]
    public async Task TheGatewayPortDoesNotAnswerHttp()
    {
        await using var host = await LensWebHost.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        await Assert.ThrowsAnyAsync<Exception>(() => http.GetAsync($"http://127.0.0.1:{host.GatewayPort}/api/health"));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/health")).StatusCode);
    }

    private static async Task ConnectOrleansClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(gatewayPort, serviceId: Lens.Silo.Configuration.LensSettings.ServiceId, clusterId: "lens")
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false)));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.StartAsync(timeout.Token);
        await host.StopAsync();
    }

    // Linux: the listening TCP sockets (IPv4) by port, from /proc/net/tcp.
    private static Dictionary<int, IPAddress> ListeningSockets()
    {
        var sockets = new Dictionary<int, IPAddress>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[3] != "0A") continue; // LISTEN
            var local = fields[1].Split(':');
            var address = new IPAddress(uint.Parse(local[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            sockets[int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = address;
        }
        return sockets;
    }
}
