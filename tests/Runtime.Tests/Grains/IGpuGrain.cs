namespace Lens.Runtime.Tests.Grains;

/// <summary>A grain pinned to silos advertising <c>gpu</c>.</summary>
public interface IGpuGrain : IGrainWithStringKey
{
    Task<string> SiloId();
}
