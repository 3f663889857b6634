namespace Lens.GrainInterfaces.Cluster;

/// <summary>What a probe holds.</summary>
/// <param name="Values">The stored values in the order they were stored.</param>
/// <param name="Silo">The silo the probe lives on.</param>
[GenerateSerializer, Immutable]
public sealed record ProbeRecord([property: Id(0)] IReadOnlyList<long> Values, [property: Id(1)] string Silo);
