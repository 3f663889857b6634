namespace Lens.Grains.Models.Serving;

/// <summary>Tokens per second over a sliding window of whole seconds.</summary>
internal sealed class ThroughputMeter(TimeProvider clock, int windowSeconds = 5)
{
    private readonly long[] _buckets = new long[windowSeconds + 1];
    private long _bucketSecond = -1;

    public void Add(int tokens)
    {
        lock (_buckets) { Roll(); _buckets[_bucketSecond % _buckets.Length] += tokens; }
    }

    /// <summary>Tokens of the last <c>windowSeconds</c> complete seconds, per second.</summary>
    public double PerSecond()
    {
        lock (_buckets)
        {
            Roll();
            long sum = 0;
            for (var s = 1; s <= windowSeconds; s++) sum += _buckets[(_bucketSecond - s + _buckets.Length) % _buckets.Length];
            return sum / (double)windowSeconds;
        }
    }

    private void Roll()
    {
        var now = clock.GetTimestamp() / clock.TimestampFrequency;
        if (_bucketSecond < 0) _bucketSecond = now;
        for (var s = _bucketSecond + 1; s <= now && s - _bucketSecond <= _buckets.Length; s++) _buckets[s % _buckets.Length] = 0;
        _bucketSecond = Math.Max(_bucketSecond, now);
    }
}
