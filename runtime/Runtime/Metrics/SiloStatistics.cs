namespace Lens.Runtime.Metrics;

/// <summary>What a dashboard reads from <c>GET /lens/stats</c>: one silo's counters at one moment.</summary>
public sealed record SiloStatistics(
    string SiloId,
    string Address,
    string Status,
    DateTimeOffset At,
    IReadOnlyDictionary<string, int> ActivationsByType,
    int QueuedCalls,
    int RemindersOwned,
    long RejectedMessages,
    IReadOnlyList<MethodStatistics> Methods,
    double StorageP50Ms,
    double StorageP99Ms,
    long StorageErrors,
    double[] LatencyBucketBoundsMs);
