using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Lens.Grains.Placement;

/// <summary>Silo wiring for <see cref="ModelPlacementAttribute"/>.</summary>
public static class ModelPlacementExtensions
{
    /// <summary>
    /// Advertises <paramref name="models"/> in this silo's metadata and registers the director that places
    /// <see cref="ModelPlacementAttribute"/> grains. Every silo of the cluster needs it (a silo holding no model passes
    /// an empty list), because placement runs on whichever silo first routes a call.
    /// </summary>
    public static ISiloBuilder AddModelPlacement(this ISiloBuilder silo, IEnumerable<string> models)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloModels.MetadataKey] = SiloModels.Encode(models) });
        silo.Services.AddPlacementDirector<ModelPlacementStrategy, ModelPlacementDirector>();
        return silo;
    }
}
