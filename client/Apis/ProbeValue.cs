namespace Lens.Client.Apis;

/// <summary>The body of <c>POST /api/cluster/probes/{key}</c>: <c>{"value": 42}</c>.</summary>
public sealed record ProbeValue(long? Value);
