namespace Lens.Cluster.Tests.Grains;

/// <summary>Which activation answered: its silo and an id fixed when it activated.</summary>
[GenerateSerializer, Immutable]
public sealed record ActivationInfo([property: Id(0)] string Silo, [property: Id(1)] Guid ActivationId);
