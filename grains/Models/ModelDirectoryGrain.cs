using Lens.GrainInterfaces.Models;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Lens.Grains.Models;

/// <summary>
/// <see cref="IModelDirectoryGrain"/>: the latest report of each silo, in memory. Silos report every second, so a
/// new activation (after its silo died) is complete again within one report period.
/// </summary>
[Reentrant]
public sealed class ModelDirectoryGrain(IClusterMembershipService membership, TimeProvider clock) : Grain, IModelDirectoryGrain
{
    // A report older than this is from a silo that stopped reporting (hung or gone).
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, SiloModelReport> _reports = new(StringComparer.Ordinal);

    public Task Report(SiloModelReport report)
    {
        _reports[report.Silo] = report;
        return Task.CompletedTask;
    }

    public Task<ModelDirectoryView> Read()
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToString())
            .Order(StringComparer.Ordinal)
            .ToArray();
        var now = clock.GetUtcNow();
        foreach (var gone in _reports.Keys.Where(s => !active.Contains(s) || now - _reports[s].Sent > Stale).ToList()) _reports.Remove(gone);
        return Task.FromResult(new ModelDirectoryView(active, _reports.Values.OrderBy(r => r.Silo, StringComparer.Ordinal).ToArray()));
    }
}
