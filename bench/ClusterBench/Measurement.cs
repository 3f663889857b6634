using System.Diagnostics;

namespace Lens.Bench;

/// <summary>Runs concurrent workers for a fixed time and reports throughput and latency percentiles.</summary>
internal static class Measurement
{
    public static async Task<string> RunAsync(string name, int workers, TimeSpan duration, Func<int, Task> operation)
    {
        for (var w = 0; w < workers; w++) await operation(w); // warm up every worker's target
        var latencies = new List<double>[workers];
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            while (stop.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(w);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return $"{name,-44} {all.Length / elapsed,10:N0} ops/s   p50 {Percentile(0.50),8:N3} ms   p99 {Percentile(0.99),8:N3} ms   ({all.Length:N0} ops, {workers} workers)";
    }
}
