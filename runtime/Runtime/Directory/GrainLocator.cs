using Lens.Runtime.Catalog;
using Lens.Runtime.Hosting;
using Lens.Runtime.Membership;
using Lens.Runtime.Placement;

namespace Lens.Runtime.Directory;

/// <summary>
/// Resolves a grain to its single activation: a local activation, a live registration elsewhere, or a new
/// activation placed on a compatible silo (here, when chosen, through a conditional registration).
/// </summary>
internal sealed class GrainLocator(ActivationCatalog catalog, GrainDirectory directory, MembershipService membership, PlacementDirector placement, LocalSilo silo)
{
    private const int MaxAttempts = 12;

    public async Task<GrainTarget> ResolveAsync(GrainId grainId, GrainClass grainClass, string? placedOn, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (catalog.TryGet(grainId, out var existing))
            {
                if (await existing.WaitReadyAsync(cancellationToken)) return GrainTarget.Local(existing);
                continue; // it failed or is going away; it removes itself from the catalog first
            }
            var registration = await directory.LookupAsync(grainId, fresh: attempt > 0, cancellationToken);
            if (registration is not null && registration.SiloId != silo.Id && await membership.IsAliveAsync(registration.SiloId, cancellationToken))
                return GrainTarget.Remote(registration.SiloAddress);
            // Unregistered, registered to a dead silo, or a stale registration of this silo: place anew.
            if (!silo.IsActive) return GrainTarget.Remote(Messaging.CallResponse.Anywhere);
            var here = placedOn == silo.Address && grainClass.CanRunOn(silo.Capabilities);
            if (!here)
            {
                var chosen = placement.Choose(grainClass, membership.View);
                if (chosen.SiloId != silo.Id) return GrainTarget.Remote(chosen.Address);
            }
            var activation = await catalog.ActivateAsync(grainId, grainClass, registration?.ETag, cancellationToken);
            if (activation is not null) return GrainTarget.Local(activation);
        }
        throw new GrainCallException(GrainCallErrorKind.SiloUnavailable, $"Could not resolve {grainId} after {MaxAttempts} attempts (silo {silo.Id}).");
    }
}
