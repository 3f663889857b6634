using System.Collections.Concurrent;
using System.Text;
using Lens.Cluster.Tests.Support;
using Lens.GrainInterfaces.Cluster;
using Lens.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Lens.Cluster.Tests.Processes;

/// <summary>A real silo process with OTEL_EXPORTER_OTLP_ENDPOINT set pushes Orleans' meters and ours to an OTLP/HTTP receiver.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task ASiloProcessExportsOrleansAndLensMetersOverOtlp()
    {
        var bodies = new ConcurrentQueue<string>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue(Encoding.Latin1.GetString(buffer.ToArray())); // protobuf keeps names as plain UTF-8 bytes
            return Results.Ok();
        });
        await receiver.StartAsync();

        var ports = Ports.Free(2);
        var (siloPort, gateway) = (ports[0], ports[1]);
        await using var silo = LensProcess.StartSilo("silo", new Dictionary<string, string>
        {
            ["LENS_DATA_DIR"] = TestPaths.TempFolder("otlp"),
            ["LENS_SILO_PORT"] = siloPort.Text(),
            ["LENS_GATEWAY_PORT"] = gateway.Text(),
            ["LENS_MODELS"] = "",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Urls.Single(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        });
        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering(gateway, serviceId: Lens.Silo.Configuration.LensSettings.ServiceId, clusterId: "lens"));
        using var client = clientBuilder.Build();
        await client.StartAsync().Within(TimeSpan.FromSeconds(60), $"connect to the silo process; it printed:\n{silo.Output}");
        var probe = client.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("otlp");
        for (var i = 0; i < 3; i++) await probe.Record(i);

        await Eventually.Until("OTLP export of Orleans' and Lens' meters", () => Task.FromResult(string.Concat(bodies)),
            all => all.Contains("Microsoft.Orleans", StringComparison.Ordinal) && all.Contains("orleans-", StringComparison.Ordinal)
                && all.Contains("Lens.Cluster", StringComparison.Ordinal) && all.Contains("lens.grain.calls", StringComparison.Ordinal)
                && all.Contains("lens.grain.call.duration", StringComparison.Ordinal) && all.Contains("Record", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), all => $"{bodies.Count} export requests, {all.Length} bytes");
        await client.StopAsync();
    }
}
