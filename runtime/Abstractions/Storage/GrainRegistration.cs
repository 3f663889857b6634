namespace Lens.Runtime.Storage;

/// <summary>Where a grain's single activation lives.</summary>
/// <param name="GrainId">The grain's id string.</param>
/// <param name="SiloId">The hosting silo incarnation (see <see cref="SiloRow.SiloId"/>).</param>
/// <param name="SiloAddress">That silo's base URI.</param>
/// <param name="ActivationId">Unique per activation, so a winner can tell its own registration apart.</param>
/// <param name="ETag">Opaque concurrency token; null on a proposal, filled by the store.</param>
public sealed record GrainRegistration(string GrainId, string SiloId, string SiloAddress, string ActivationId, string? ETag);
