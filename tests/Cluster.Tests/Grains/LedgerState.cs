namespace Lens.Cluster.Tests.Grains;

/// <summary>The values a ledger's events appended, in order.</summary>
[GenerateSerializer]
public sealed class LedgerState
{
    [Id(0)]
    public List<long> Values { get; set; } = [];
}
