namespace Lens.Runtime.Tests.Grains;

/// <summary>What <see cref="IOrderingGrain"/> observed.</summary>
public sealed record OrderingReport(List<int> Order, int MaxConcurrentExclusive, int MaxConcurrentReads, int ReadsDuringExclusive);
