using Lens.Analyses;
using Lens.GrainInterfaces.Research;

namespace Lens.Grains.Research.Running;

/// <summary>
/// Checks submitted settings against a run's kind and fills in the defaults, so the plan pins every value the run
/// depends on (the refusal markers too: a later default list must not change a resumed run).
/// </summary>
internal static class ResearchSettingsRules
{
    public const int DefaultBatchSize = 8;
    public const int DefaultShots = 3;
    public const int DefaultRefusalTokens = 32;
    public const int DefaultCaptureTokens = 16;
    public const int DefaultTopHeads = 4;
    public const int DefaultAlternatives = 5;

    private static readonly ResearchRunKind[] PromptKinds = [ResearchRunKind.Kl, ResearchRunKind.Refusal, ResearchRunKind.Capture];
    private static readonly ResearchRunKind[] GenerationKinds = [ResearchRunKind.Refusal, ResearchRunKind.Capture];

    /// <exception cref="ArgumentException">A setting is out of range or does not apply to the kind (named as <c>settings.name</c>).</exception>
    public static ResearchSettings Resolve(ResearchRunKind kind, ResearchSettings? submitted)
    {
        var s = submitted ?? new ResearchSettings();
        if (s.Limit is < 1) throw new ArgumentException($"settings.limit must be at least 1, got {s.Limit}");
        if (s.PromptColumn is { } column && column.Trim().Length == 0) throw new ArgumentException("settings.prompt_column must name a column");
        if (s.Shots is < 0) throw new ArgumentException($"settings.shots must be 0 or more, got {s.Shots}");
        if (s.RefusalMarkers is { } markers && (markers.Count == 0 || markers.Any(m => string.IsNullOrWhiteSpace(m))))
            throw new ArgumentException("settings.refusal_markers must be a non-empty list of non-empty phrases");
        return new ResearchSettings
        {
            BatchSize = AtLeastOne("batch_size", s.BatchSize) ?? DefaultBatchSize,
            Limit = s.Limit,
            PromptColumn = Only(kind, "prompt_column", s.PromptColumn, PromptKinds) ?? (PromptKinds.Contains(kind) ? DatasetTable.TextColumn : null),
            MaxNewTokens = AtLeastOne("max_new_tokens", Only(kind, "max_new_tokens", s.MaxNewTokens, GenerationKinds)) ?? kind switch
            {
                ResearchRunKind.Refusal => DefaultRefusalTokens,
                ResearchRunKind.Capture => DefaultCaptureTokens,
                _ => null,
            },
            Shots = Only(kind, "shots", s.Shots, ResearchRunKind.Mmlu) ?? (kind == ResearchRunKind.Mmlu ? DefaultShots : null),
            RefusalMarkers = Only(kind, "refusal_markers", s.RefusalMarkers, ResearchRunKind.Refusal)
                ?? (kind == ResearchRunKind.Refusal ? RefusalMarkers.DefaultList : null),
            Detail = Only(kind, "detail", s.Detail, ResearchRunKind.Capture) is { } detail
                ? CaptureDetailName(Detail(detail))
                : kind == ResearchRunKind.Capture ? CaptureDetailName(CaptureDetail.Summary) : null,
            TopHeads = AtLeastOne("top_heads", Only(kind, "top_heads", s.TopHeads, ResearchRunKind.Capture)) ?? (kind == ResearchRunKind.Capture ? DefaultTopHeads : null),
            Alternatives = AtLeastOne("alternatives", Only(kind, "alternatives", s.Alternatives, ResearchRunKind.Capture)) ?? (kind == ResearchRunKind.Capture ? DefaultAlternatives : null),
        };
    }

    /// <summary>The capture detail a settings name stands for.</summary>
    /// <exception cref="ArgumentException">Not one of the names.</exception>
    public static CaptureDetail Detail(string name) => name switch
    {
        "summary" => CaptureDetail.Summary,
        "attention_only" => CaptureDetail.AttentionOnly,
        "top_heads" => CaptureDetail.TopHeads,
        "full" => CaptureDetail.Full,
        _ => throw new ArgumentException($"settings.detail must be summary, attention_only, top_heads or full, got '{name}'"),
    };

    private static string CaptureDetailName(CaptureDetail detail) => detail switch
    {
        CaptureDetail.AttentionOnly => "attention_only",
        CaptureDetail.TopHeads => "top_heads",
        _ => detail.ToString().ToLowerInvariant(),
    };

    private static int? AtLeastOne(string name, int? value) =>
        value is < 1 ? throw new ArgumentException($"settings.{name} must be at least 1, got {value}") : value;

    private static T? Only<T>(ResearchRunKind kind, string name, T? value, params ResearchRunKind[] kinds)
    {
        if (value is null || kinds.Contains(kind)) return value;
        var names = kinds.Select(k => k.ToString().ToLowerInvariant()).ToArray();
        var list = names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
        throw new ArgumentException($"settings.{name} applies to {list} runs only, not {kind.ToString().ToLowerInvariant()}");
    }
}
