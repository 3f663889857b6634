using Lens.GrainInterfaces.Cluster;

namespace Lens.Client.Apis;

/// <summary><c>GET /api/cluster/silos</c>: <c>{"silos": [{"address", "name", "status", "models"}]}</c>.</summary>
public sealed record SilosResponse(IReadOnlyList<SiloSummary> Silos);
