namespace Lens.Cluster.Tests.Grains;

/// <summary>A plain grain that says which activation serves it and counts the calls it served.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<ActivationInfo> WhoAmI();

    /// <summary>Counts one call; returns the activation's count so far.</summary>
    Task<int> Increment();
}
