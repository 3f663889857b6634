using Lens.GrainInterfaces.Cluster;
using Lens.Grains.Placement;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Lens.Silo.Cluster;

/// <summary>Answers from the local silo's membership view and silo-metadata cache (no storage read).</summary>
[StatelessWorker]
internal sealed class ClusterViewGrain(IClusterMembershipService membership, ISiloMetadataCache metadata) : Grain, IClusterViewGrain
{
    public Task<IReadOnlyList<SiloSummary>> GetSilos()
    {
        IReadOnlyList<SiloSummary> silos = membership.CurrentSnapshot.Members.Values
            .OrderBy(m => m.Status == SiloStatus.Active ? 0 : 1)
            .ThenBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(m => new SiloSummary(
                m.SiloAddress.ToString(),
                m.Name,
                m.Status.ToString().ToLowerInvariant(),
                m.Status == SiloStatus.Dead ? [] : SiloModels.Read(metadata.GetSiloMetadata(m.SiloAddress))))
            .ToList();
        return Task.FromResult(silos);
    }
}
