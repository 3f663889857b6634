namespace Lens.Bench;

/// <summary>Latencies in milliseconds and their percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];

    public void Add(TimeSpan elapsed) { lock (_ms) _ms.Add(elapsed.TotalMilliseconds); }

    public double Percentile(double p)
    {
        lock (_ms)
        {
            var sorted = _ms.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    public override string ToString() => $"n={_ms.Count} p50 {Percentile(50):F2} ms, p99 {Percentile(99):F2} ms, max {Percentile(100):F2} ms";
}
