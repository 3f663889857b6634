namespace Lens.Silo.Cluster;

/// <summary>A probe's stored values.</summary>
[GenerateSerializer]
public sealed class ProbeState
{
    /// <summary>In the order they were stored.</summary>
    [Id(0)]
    public List<long> Values { get; set; } = [];
}
