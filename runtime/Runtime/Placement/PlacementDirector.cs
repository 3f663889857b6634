using Lens.Runtime.Catalog;
using Lens.Runtime.Hosting;
using Lens.Runtime.Membership;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Placement;

/// <summary>
/// Chooses the silo for a new activation among live compatible silos: capability-pinned classes only on
/// silos advertising every required capability; prefer-local keeps it here when possible; otherwise random.
/// </summary>
internal sealed class PlacementDirector(LocalSilo silo)
{
    public SiloRow Choose(GrainClass grainClass, ClusterView view)
    {
        var candidates = view.Active.Where(r => grainClass.CanRunOn(r.Capabilities)).ToList();
        if (candidates.Count == 0)
        {
            var needs = grainClass.Capabilities.Count == 0 ? "" : $" with capabilities [{string.Join(", ", grainClass.Capabilities)}]";
            throw new GrainCallException(
                grainClass.Capabilities.Count == 0 ? GrainCallErrorKind.SiloUnavailable : GrainCallErrorKind.NoCompatibleSilo,
                $"No live silo{needs} can host grain type '{grainClass.TypeName}' ({view.Active.Count} active silos).");
        }
        if (grainClass.PreferLocal && silo.IsActive && candidates.FirstOrDefault(r => r.SiloId == silo.Id) is { } local) return local;
        return candidates[Random.Shared.Next(candidates.Count)];
    }
}
