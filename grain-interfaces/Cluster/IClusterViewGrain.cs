namespace Lens.GrainInterfaces.Cluster;

/// <summary>
/// The cluster as the silos see it: every silo in the membership table with its status and the models it advertises.
/// A stateless worker, so it answers from the silo the caller reaches first; use key 0.
/// </summary>
public interface IClusterViewGrain : IGrainWithIntegerKey
{
    /// <summary>Every silo the membership table knows (dead ones too, until Orleans removes their rows), active first.</summary>
    Task<IReadOnlyList<SiloSummary>> GetSilos();
}
