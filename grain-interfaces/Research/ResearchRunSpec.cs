using System.Text.Json.Serialization;

namespace Lens.GrainInterfaces.Research;

/// <summary>
/// What to run, as submitted (<c>POST /api/research/runs</c>): <c>{"kind","model","baseline_model"?,"dataset","settings"?}</c>.
/// Checked when the run starts; every problem is an <see cref="ArgumentException"/> naming the field.
/// </summary>
[GenerateSerializer, Immutable]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ResearchRunSpec
{
    /// <summary>Required.</summary>
    [Id(0)] public ResearchRunKind? Kind { get; init; }

    /// <summary>The model measured: a name the silos hold (LENS_MODELS).</summary>
    [Id(1)] public string? Model { get; init; }

    /// <summary>kl only, and required there: the model whose first-token distributions are the reference P in KL(P ‖ Q).</summary>
    [Id(2)] public string? BaselineModel { get; init; }

    /// <summary>A .csv, .jsonl, .parquet or .txt file in the silos' dataset folders (a name, or a path inside one of them).</summary>
    [Id(3)] public string? Dataset { get; init; }

    [Id(4)] public ResearchSettings? Settings { get; init; }
}
