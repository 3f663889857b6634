namespace Lens.Cluster.Tests.Grains;

/// <summary>A grain placed by model (its key is a model name, or name#replica).</summary>
public interface IModelBoundGrain : IGrainWithStringKey
{
    Task<string> Silo();
}
