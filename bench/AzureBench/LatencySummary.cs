namespace Lens.Bench.Azure;

/// <summary>Throughput and latency percentiles of a run of timed operations.</summary>
internal sealed record LatencySummary(int Count, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public static LatencySummary Of(IReadOnlyList<double> latenciesMs, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, elapsed, At(0.50), At(0.99), sorted[^1]);
    }

    public override string ToString() =>
        $"{Count} appends in {Elapsed.TotalSeconds:0.00} s = {PerSecond:0} appends/s; latency p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.00} ms";
}
