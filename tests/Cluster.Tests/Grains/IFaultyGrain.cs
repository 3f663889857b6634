namespace Lens.Cluster.Tests.Grains;

/// <summary>Throws what it is told to, to show how grain exceptions reach API callers.</summary>
public interface IFaultyGrain : IGrainWithStringKey
{
    /// <summary>Throws an exception of the kind named: argument, missing, denied or crash.</summary>
    Task Throw(string kind, string message);
}
