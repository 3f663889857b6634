namespace Lens.GrainInterfaces.Cluster;

/// <summary>A stored probe value.</summary>
/// <param name="Count">How many values the probe holds now (the value's 1-based position).</param>
/// <param name="Silo">The silo that stored it.</param>
[GenerateSerializer, Immutable]
public sealed record ProbeReceipt([property: Id(0)] long Count, [property: Id(1)] string Silo);
