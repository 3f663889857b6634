using Lens.Runtime.Storage;

namespace Lens.Runtime;

/// <summary>
/// Built-in system grain (key 0) for tools and clients: the cluster's silos as the membership table lists
/// them, and a round trip check. Like Orleans' IManagementGrain, it needs no application grains.
/// </summary>
public interface IManagementGrain : IGrainWithIntegerKey
{
    /// <summary>Every silo row in the membership table.</summary>
    [ReadOnly]
    Task<List<SiloRow>> GetSilos();

    /// <summary>Echoes <paramref name="text"/> with the id of the silo that answered.</summary>
    [ReadOnly]
    Task<string> Ping(string text);
}
