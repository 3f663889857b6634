using Orleans.Concurrency;

namespace Lens.GrainInterfaces.Models;

/// <summary>
/// One per cluster (key 0): collects each silo's <see cref="SiloModelReport"/> and answers which models are served
/// where (health, model info, dashboard, cache status). Reports of silos that left the cluster are dropped on read.
/// </summary>
public interface IModelDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Replaces the report of <see cref="SiloModelReport.Silo"/>; fire and forget.</summary>
    [OneWay]
    Task Report(SiloModelReport report);

    /// <summary>Active silos and the reports of the live ones.</summary>
    Task<ModelDirectoryView> Read();
}
