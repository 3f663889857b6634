using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Lens.Grains.Placement;

/// <summary>
/// Chooses a silo for a <see cref="ModelPlacementAttribute"/> grain: one of the compatible silos whose metadata lists
/// the model, at random.
/// </summary>
internal sealed class ModelPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var model = ModelPlacementStrategy.ModelOf(target.GrainIdentity.Key.ToString());
        var silos = context.GetCompatibleSilos(target);
        var holding = silos.Where(silo => SiloModels.Read(metadata.GetSiloMetadata(silo)).Contains(model, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (holding.Length == 0)
        {
            var held = silos.SelectMany(silo => SiloModels.Read(metadata.GetSiloMetadata(silo))).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
            throw new ModelUnavailableException(model, held, silos.Length);
        }
        return Task.FromResult(holding[Random.Shared.Next(holding.Length)]);
    }
}
