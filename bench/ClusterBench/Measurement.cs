using System.Diagnostics;

namespace Lens.Bench;

/// <summary>Throughput and latency percentiles of concurrent callers, as one printed line.</summary>
internal static class Measurement
{
    /// <summary>Runs <paramref name="workers"/> callers of <paramref name="operation"/> for <paramref name="duration"/> from outside the cluster.</summary>
    public static async Task<string> RunAsync(string name, int workers, TimeSpan duration, Func<int, Task> operation)
    {
        for (var w = 0; w < workers; w++) await operation(w); // warm up every worker's target
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(w);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return mine.ToArray();
        })));
        return Format(name, workers, clock.Elapsed, latencies);
    }

    /// <summary>One line: calls/s over <paramref name="elapsed"/>, p50 and p99 of every call.</summary>
    public static string Format(string name, int workers, TimeSpan elapsed, double[][] latencies)
    {
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return $"{name,-46} {all.Length / elapsed.TotalSeconds,10:N0} calls/s   p50 {Percentile(0.50),7:N3} ms   p99 {Percentile(0.99),7:N3} ms   ({all.Length:N0} calls, {workers} callers)";
    }
}
