namespace Lens.Runtime.Metrics;

/// <summary>Calls, errors and latency of one grain method on one silo.</summary>
public sealed record MethodStatistics(string GrainType, string Method, long Calls, long Errors, double P50Ms, double P99Ms, long[] LatencyBuckets);
