using System.Text.Json.Serialization;

namespace Lens.GrainInterfaces.Research;

/// <summary>
/// A run's results over the items done so far (final once it completed): exactly one of <see cref="Kl"/>,
/// <see cref="Refusal"/>, <see cref="Mmlu"/>, <see cref="Capture"/> is set, by <see cref="Kind"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResearchResults
{
    [Id(0)] public required ResearchRunKind Kind { get; init; }
    [Id(1)] public required ResearchRunStatus Status { get; init; }
    [Id(2)] public required int Done { get; init; }
    [Id(3)] public required int Total { get; init; }
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public KlSummary? Kl { get; init; }
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public RefusalSummary? Refusal { get; init; }
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MmluSummary? Mmlu { get; init; }
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public CaptureSummary? Capture { get; init; }
}
