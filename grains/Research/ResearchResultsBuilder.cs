using Lens.GrainInterfaces.Research;
using Lens.Grains.Research.Running;

namespace Lens.Grains.Research;

/// <summary>
/// A run's results from its checkpointed batches. Means and rates sum the items in dataset order and divide by their
/// count, as the analyses do, so a run's figures equal those of running the analysis over the whole dataset at once.
/// </summary>
internal static class ResearchResultsBuilder
{
    public static ResearchResults Build(ResearchPlan plan, ResearchRunStatus status, IReadOnlyList<ResearchBatchOutcome> batches)
    {
        var results = new ResearchResults { Kind = plan.Kind, Status = status, Done = batches.Sum(b => b.Items), Total = plan.Items };
        return plan.Kind switch
        {
            ResearchRunKind.Kl => results with { Kl = Kl(batches.SelectMany(b => b.Kl).ToList()) },
            ResearchRunKind.Refusal => results with { Refusal = Refusal(batches.SelectMany(b => b.Refusal).ToList()) },
            ResearchRunKind.Mmlu => results with { Mmlu = Mmlu(batches.SelectMany(b => b.Mmlu).ToList()) },
            _ => results with { Capture = Capture(batches.SelectMany(b => b.Capture).ToList()) },
        };
    }

    private static KlSummary Kl(List<KlOutcome> items)
    {
        double sum = 0;
        foreach (var item in items) sum += item.Kl;
        var sorted = items.Select(i => i.Kl).Order().ToArray();
        var median = sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new KlSummary(items.Count == 0 ? 0 : sum / items.Count, median, items);
    }

    private static RefusalSummary Refusal(List<RefusalVerdict> items)
    {
        var refusals = items.Count(i => i.Refused);
        return new RefusalSummary(items.Count == 0 ? 0 : (double)refusals / items.Count, refusals, items);
    }

    private static MmluSummary Mmlu(List<MmluAnswer> items)
    {
        var subjects = items.GroupBy(i => i.Subject, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MmluSubjectScore(g.Key, g.Count(i => i.Correct), g.Count()))
            .ToList();
        var correct = items.Count(i => i.Correct);
        return new MmluSummary(items.Count == 0 ? 0 : (double)correct / items.Count, correct, items.Count, subjects, items);
    }

    private static CaptureSummary Capture(List<CaptureOutcome> items) => new(items.Sum(i => i.Steps), items.Sum(i => i.StoreBytes), items);
}
