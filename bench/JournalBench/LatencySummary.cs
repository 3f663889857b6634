namespace Lens.JournalBench;

/// <summary>Throughput and latency percentiles of a run of timed appends.</summary>
internal sealed record LatencySummary(int Count, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public static LatencySummary Of(IReadOnlyCollection<double> latenciesMs, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        double At(double quantile) => sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, elapsed, At(0.50), At(0.99));
    }

    public override string ToString() =>
        $"{Count,6} appends in {Elapsed.TotalSeconds,6:0.00} s = {PerSecond,7:0} appends/s; p50 {P50Ms,6:0.00} ms, p99 {P99Ms,7:0.00} ms";
}
