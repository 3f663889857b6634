using System.Text.Json.Serialization;

namespace Lens.GrainInterfaces.Research;

/// <summary>
/// The knobs of a research run. Submitted with some left out; the run pins them all (defaults filled in, those that
/// do not apply to its kind left null) when it starts, so a resumed run computes exactly what it started computing.
/// Unknown names are refused (JSON), so a misspelt setting cannot be silently ignored.
/// </summary>
[GenerateSerializer, Immutable]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ResearchSettings
{
    /// <summary>Items per batch: the unit of progress and of checkpointing (default 8).</summary>
    [Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? BatchSize { get; init; }

    /// <summary>Use only the dataset's first N items (default: all).</summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Limit { get; init; }

    /// <summary>kl, refusal, capture: the dataset column holding the prompt (default <c>prompt</c>; a .txt file's lines are that column).</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PromptColumn { get; init; }

    /// <summary>refusal, capture: tokens generated per prompt (defaults 32 and 16).</summary>
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? MaxNewTokens { get; init; }

    /// <summary>mmlu: solved examples of the same subject before each question (default 3).</summary>
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Shots { get; init; }

    /// <summary>refusal: the phrases that mark a refusal (default: the built-in list).</summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? RefusalMarkers { get; init; }

    /// <summary>capture: <c>summary</c> (default), <c>attention_only</c>, <c>top_heads</c> or <c>full</c>.</summary>
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Detail { get; init; }

    /// <summary>capture: heads kept per layer at <c>top_heads</c> detail (default 4).</summary>
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? TopHeads { get; init; }

    /// <summary>capture: most probable next tokens stored per step (default 5).</summary>
    [Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Alternatives { get; init; }
}
