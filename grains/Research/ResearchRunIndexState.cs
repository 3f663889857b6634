namespace Lens.Grains.Research;

/// <summary>The run ids of one index, oldest first.</summary>
[GenerateSerializer]
public sealed class ResearchRunIndexState
{
    [Id(0)] public List<string> RunIds { get; set; } = [];
}
