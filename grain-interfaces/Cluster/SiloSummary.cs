namespace Lens.GrainInterfaces.Cluster;

/// <summary>One silo of the cluster.</summary>
/// <param name="Address">The silo's endpoint and generation, as Orleans prints it (<c>S127.0.0.1:11111:123456789</c>).</param>
/// <param name="Name">The silo name.</param>
/// <param name="Status">Membership status in lower case: <c>joining</c>, <c>active</c>, <c>shuttingdown</c>, <c>stopping</c>, <c>dead</c>.</param>
/// <param name="Models">The model names the silo advertises (LENS_MODELS); empty for dead silos, whose metadata is gone.</param>
[GenerateSerializer, Immutable]
public sealed record SiloSummary(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] IReadOnlyList<string> Models)
{
    /// <summary>Whether the silo takes calls.</summary>
    public bool IsActive => Status == "active";
}
