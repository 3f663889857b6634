using Lens.Runtime;

namespace Lens.Bench;

/// <summary>The benchmark's grain: a no-op call and an event append.</summary>
public interface IBenchGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);

    Task<long> Append(int value);

    Task<string> SiloId();
}
