using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Lens.Runtime.Metrics;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Features;

public sealed class MetricsTests
{
    [Fact]
    public async Task CallsAreCountedPerMethodAndExportedThroughTheMeter()
    {
        long measured = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SiloMetrics.MeterName && instrument.Name == "lens.grain.calls") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measured, value));
        listener.Start();

        await using var cluster = await Clusters.StartAsync(silos: 1);
        var grain = cluster.Client.GetGrain<IJournalTestGrain>(Clusters.Key("metrics"));
        for (var i = 0; i < 5; i++) await grain.Append(i);

        var stats = cluster.Silos[0].Metrics.Snapshot();
        var append = Assert.Single(stats.Methods, m => m.GrainType == "journaltest" && m.Method == "Append");
        Assert.Equal(5, append.Calls);
        Assert.True(append.P99Ms >= append.P50Ms && append.P50Ms > 0, $"p50 {append.P50Ms}, p99 {append.P99Ms}");
        Assert.Equal(1, stats.ActivationsByType["journaltest"]);
        Assert.True(stats.StorageP50Ms > 0, "journal storage latency should be measured");
        Assert.True(Interlocked.Read(ref measured) >= 5, $"meter saw {measured} calls");

        using var http = new HttpClient { DefaultRequestVersion = new Version(2, 0), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var overHttp = await http.GetFromJsonAsync<SiloStatistics>(new Uri(new Uri(cluster.Silos[0].Address), "lens/stats"));
        Assert.Equal(cluster.Silos[0].Id, overHttp!.SiloId);
    }
}
