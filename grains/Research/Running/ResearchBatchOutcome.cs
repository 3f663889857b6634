using Lens.GrainInterfaces.Research;

namespace Lens.Grains.Research.Running;

/// <summary>What one batch produced: the per-item results of the run's kind (the other lists stay empty).</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchBatchOutcome
{
    [Id(0)] public IReadOnlyList<KlOutcome> Kl { get; init; } = [];
    [Id(1)] public IReadOnlyList<RefusalVerdict> Refusal { get; init; } = [];
    [Id(2)] public IReadOnlyList<MmluAnswer> Mmlu { get; init; } = [];
    [Id(3)] public IReadOnlyList<CaptureOutcome> Capture { get; init; } = [];

    /// <summary>Items the batch covered.</summary>
    public int Items => Kl.Count + Refusal.Count + Mmlu.Count + Capture.Count;
}
