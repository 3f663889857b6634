namespace Lens.Bench;

/// <summary>The call being measured: a no-op round trip.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);

    Task<string> Silo();
}
