namespace Lens.GrainInterfaces.Research;

/// <summary>
/// The ids of research runs, oldest first: one index per owner (key <see cref="OwnerKey"/>) and one of every run
/// (key <see cref="AllKey"/>). A run adds itself when it starts.
/// </summary>
public interface IResearchRunIndexGrain : IGrainWithStringKey
{
    /// <summary>The key of the index of every run.</summary>
    const string AllKey = "all";

    /// <summary>The key of <paramref name="owner"/>'s index.</summary>
    static string OwnerKey(string owner) => "owner/" + owner;

    /// <summary>Adds a run id (again: no change).</summary>
    Task Add(string runId);

    Task<IReadOnlyList<string>> RunIds();
}
