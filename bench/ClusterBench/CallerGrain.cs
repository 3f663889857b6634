using System.Diagnostics;
using Orleans.Placement;

namespace Lens.Bench;

/// <summary>Activated on the silo whose factory first calls it, so the benchmark chooses where callers live.</summary>
[PreferLocalPlacement]
public sealed class CallerGrain(ILocalSiloDetails silo) : Grain, ICallerGrain
{
    public async Task<double[]> Run(string target, TimeSpan duration)
    {
        var echo = GrainFactory.GetGrain<IEchoGrain>(target);
        await echo.Echo(0); // warm up: activation and connections are not part of the figure
        var latencies = new List<double>(100_000);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Echo(latencies.Count);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return [.. latencies];
    }

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}
