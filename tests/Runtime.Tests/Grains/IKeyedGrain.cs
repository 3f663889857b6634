namespace Lens.Runtime.Tests.Grains;

/// <summary>A Guid-keyed grain that reports its key.</summary>
public interface IKeyedGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}
