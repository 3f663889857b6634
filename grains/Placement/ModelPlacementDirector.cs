using Lens.GrainInterfaces.Models;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Lens.Grains.Placement;

/// <summary>
/// Chooses a silo for a <see cref="ModelPlacementAttribute"/> grain: one of the compatible silos whose metadata lists
/// the model, at random; none: <see cref="ModelUnavailableException"/> saying what the live silos hold.
/// </summary>
internal sealed class ModelPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var model = ModelGrainKey.ModelName(target.GrainIdentity.Key.ToString());
        var silos = context.GetCompatibleSilos(target);
        var holding = silos.Where(silo => SiloModels.Read(metadata.GetSiloMetadata(silo)).Contains(model, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (holding.Length == 0)
        {
            var held = silos.SelectMany(silo => SiloModels.Read(metadata.GetSiloMetadata(silo))).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
            throw new ModelUnavailableException(model, silos.Length == 0 ? "no silo is alive"
                : held.Length == 0 ? $"no live silo holds it; the {silos.Length} live silo(s) hold no models (set LENS_MODELS on a silo)"
                : $"no live silo holds it; the {silos.Length} live silo(s) hold: {string.Join(", ", held)}");
        }
        return Task.FromResult(holding[Random.Shared.Next(holding.Length)]);
    }
}
