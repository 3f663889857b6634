using System.Text.Json.Serialization;

namespace Lens.GrainInterfaces.Research;

/// <summary>What a research run measures. In JSON: <c>kl</c>, <c>refusal</c>, <c>mmlu</c>, <c>capture</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResearchRunKind>))]
public enum ResearchRunKind
{
    /// <summary>KL(baseline ‖ model) of the first generated token's distribution, per prompt.</summary>
    [JsonStringEnumMemberName("kl")] Kl,

    /// <summary>Whether greedy responses refuse, per prompt, and the rate.</summary>
    [JsonStringEnumMemberName("refusal")] Refusal,

    /// <summary>k-shot multiple-choice accuracy, per subject and overall.</summary>
    [JsonStringEnumMemberName("mmlu")] Mmlu,

    /// <summary>Greedy generation with attention captured into one Zarr store per prompt.</summary>
    [JsonStringEnumMemberName("capture")] Capture,
}
