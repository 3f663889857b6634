namespace Lens.Runtime.Metrics;

/// <summary>Lock-free fixed-bucket latency histogram (milliseconds); cheap enough for every call.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds of the buckets in milliseconds; the last bucket is unbounded.</summary>
    public static readonly double[] BoundsMs = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly long[] _counts = new long[BoundsMs.Length + 1];

    /// <summary>Adds one observation.</summary>
    public void Record(double milliseconds)
    {
        var i = 0;
        while (i < BoundsMs.Length && milliseconds > BoundsMs[i]) i++;
        Interlocked.Increment(ref _counts[i]);
    }

    /// <summary>Bucket counts (last = above the largest bound).</summary>
    public long[] Counts() => _counts.Select(c => Interlocked.Read(ref c)).ToArray();

    /// <summary>Upper bound of the bucket holding quantile <paramref name="q"/> (0..1); 0 when empty.</summary>
    public double Quantile(double q)
    {
        var counts = Counts();
        var total = counts.Sum();
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank) return i < BoundsMs.Length ? BoundsMs[i] : double.PositiveInfinity;
        }
        return double.PositiveInfinity;
    }
}
