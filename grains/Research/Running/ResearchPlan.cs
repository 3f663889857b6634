using Lens.GrainInterfaces.Research;

namespace Lens.Grains.Research.Running;

/// <summary>
/// A run as it was started, pinned in its first event: what it measures, on which dataset (and that file's
/// fingerprint), with every setting resolved. A resumed run computes from this alone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResearchPlan
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Owner { get; init; }
    [Id(2)] public required ResearchRunKind Kind { get; init; }
    [Id(3)] public required string Model { get; init; }
    [Id(4)] public string? BaselineModel { get; init; }

    /// <summary>The dataset as named in the request.</summary>
    [Id(5)] public required string Dataset { get; init; }

    /// <summary>Where the dataset was found on the silo that started the run.</summary>
    [Id(6)] public required string DatasetPath { get; init; }

    [Id(7)] public required string DatasetSha256 { get; init; }

    /// <summary>Items (prompts or questions) the run covers: the dataset's, or the first <c>limit</c> of them.</summary>
    [Id(8)] public required int Items { get; init; }

    [Id(9)] public required ResearchSettings Settings { get; init; }
    [Id(10)] public required DateTimeOffset Created { get; init; }

    public int BatchSize => Settings.BatchSize ?? throw new InvalidOperationException("a plan's settings are resolved");
    public int Batches => (Items + BatchSize - 1) / BatchSize;

    /// <summary>The items of batch <paramref name="batch"/>: [Start, Start + Count).</summary>
    public (int Start, int Count) BatchRange(int batch) => (batch * BatchSize, Math.Min(BatchSize, Items - batch * BatchSize));
}
