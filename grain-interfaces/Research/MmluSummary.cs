namespace Lens.GrainInterfaces.Research;

/// <summary>An mmlu run's results: accuracy overall and per subject (in ordinal order), and each question's answer.</summary>
[GenerateSerializer, Immutable]
public sealed record MmluSummary(
    [property: Id(0)] double Accuracy, [property: Id(1)] int Correct, [property: Id(2)] int Total,
    [property: Id(3)] IReadOnlyList<MmluSubjectScore> Subjects, [property: Id(4)] IReadOnlyList<MmluAnswer> PerItem);
