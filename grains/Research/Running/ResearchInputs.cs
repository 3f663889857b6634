using Lens.Analyses;
using Lens.GrainInterfaces.Research;

namespace Lens.Grains.Research.Running;

/// <summary>The items a run works through, read from its dataset: text prompts, or (mmlu) questions.</summary>
internal sealed record ResearchInputs(IReadOnlyList<string> Prompts, IReadOnlyList<MmluItem> Questions)
{
    public int Count => Math.Max(Prompts.Count, Questions.Count);

    /// <summary>Reads the dataset for a run of <paramref name="kind"/> and keeps the first <c>limit</c> items.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or lacks a column (the message names the file, row and column).</exception>
    public static ResearchInputs Read(ResearchRunKind kind, string path, ResearchSettings settings)
    {
        var limit = settings.Limit ?? int.MaxValue;
        return kind == ResearchRunKind.Mmlu
            ? new ResearchInputs([], MmluItems.Read(path).Take(limit).ToList())
            : new ResearchInputs(PromptSet.Read(path, settings.PromptColumn ?? DatasetTable.TextColumn).Take(limit).ToList(), []);
    }
}
