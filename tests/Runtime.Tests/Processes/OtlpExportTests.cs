using System.Collections.Concurrent;
using System.Text;
using Lens.Runtime.Client;
using Lens.Runtime.Storage.File;
using Lens.Runtime.Tests.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Lens.Runtime.Tests.Processes;

/// <summary>A real silo process with OTEL_EXPORTER_OTLP_ENDPOINT set pushes its meter to an OTLP/HTTP receiver.</summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly string _data = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lens-otlp-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try { System.IO.Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task SiloExportsGrainCallMetricsOverOtlp()
    {
        var bodies = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue(Encoding.Latin1.GetString(buffer.ToArray())); // protobuf keeps names as plain UTF-8 bytes
            return Results.Ok();
        });
        await receiver.StartAsync();
        var endpoint = receiver.Urls.Single();

        using var silo = SiloProcess.Start(_data, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        });
        await using var client = new ClusterClient(new FileClusterStorage(_data), new ClusterClientOptions { RefreshPeriod = TimeSpan.FromMilliseconds(200) });
        await client.ConnectAsync();
        await Eventually.Until("silo process active", () => Task.FromResult(client.Silos.Count), n => n == 1, TimeSpan.FromSeconds(30), n => $"{n} silos");
        var grain = client.GetGrain<IJournalTestGrain>(Clusters.Key("otlp"));
        for (var i = 0; i < 3; i++) await grain.Append(i);

        await Eventually.Until("OTLP export of the grain call metrics", () => Task.FromResult(string.Concat(bodies)),
            all => all.Contains("lens.grain.calls") && all.Contains("lens.grain.call.duration") && all.Contains("journaltest") && all.Contains("lens.activations"),
            TimeSpan.FromSeconds(30), all => $"{bodies.Count} export requests, {all.Length} bytes");
    }
}
