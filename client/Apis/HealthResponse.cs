namespace Lens.Client.Apis;

/// <summary><c>GET /api/health</c>: <c>{"status": "ok|degraded|unavailable", "silos": active silos, "models": [...]}</c>.</summary>
public sealed record HealthResponse(string Status, int Silos, IReadOnlyList<string> Models)
{
    /// <summary>No silo reachable.</summary>
    public static HealthResponse Unavailable { get; } = new("unavailable", 0, []);
}
