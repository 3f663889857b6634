using System.Text.Json.Serialization;

namespace Lens.GrainInterfaces.Research;

/// <summary>
/// A research run as its owner sees it (<c>GET /api/research/runs/{id}</c>): what it runs with its pinned settings,
/// its status and progress (items <see cref="Done"/> of <see cref="Total"/>, an estimate of the seconds left), and the
/// error that stopped it, if any. <see cref="Results"/> is filled in only where a route asks for it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResearchRunInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Owner { get; init; }
    [Id(2)] public required ResearchRunKind Kind { get; init; }
    [Id(3)] public required string Model { get; init; }
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? BaselineModel { get; init; }
    [Id(5)] public required string Dataset { get; init; }
    [Id(6)] public required ResearchRunStatus Status { get; init; }
    [Id(7)] public required int Done { get; init; }
    [Id(8)] public required int Total { get; init; }

    /// <summary>Seconds of computing left at the pace of the batches done; null before the first batch, 0 once stopped.</summary>
    [Id(9)] public double? EtaSeconds { get; init; }

    [Id(10)] public required int Batches { get; init; }
    [Id(11)] public required int BatchesDone { get; init; }
    [Id(12)] public required ResearchSettings Settings { get; init; }
    [Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Error { get; init; }
    [Id(14)] public required DateTimeOffset Created { get; init; }
    [Id(15), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? Finished { get; init; }

    /// <summary>The silo computing the run, while one is.</summary>
    [Id(16), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Silo { get; init; }

    [Id(17), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ResearchResults? Results { get; init; }

    /// <summary>Completed, failed or cancelled: nothing more will happen.</summary>
    [JsonIgnore] public bool IsFinished => Status is ResearchRunStatus.Completed or ResearchRunStatus.Failed or ResearchRunStatus.Cancelled;
}
