using Lens.GrainInterfaces.Research;

namespace Lens.Grains.Research;

/// <summary>An index of research runs (an owner's, or all of them), kept in the silo's default grain storage.</summary>
public sealed class ResearchRunIndexGrain([PersistentState("researchRunIndex")] IPersistentState<ResearchRunIndexState> index)
    : Grain, IResearchRunIndexGrain
{
    public async Task Add(string runId)
    {
        if (index.State.RunIds.Contains(runId, StringComparer.Ordinal)) return;
        index.State.RunIds.Add(runId);
        await index.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> RunIds() => Task.FromResult<IReadOnlyList<string>>(index.State.RunIds.ToList());
}
