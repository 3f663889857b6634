using System.Text.Json;

namespace Lens.Grains.Research.Export;

/// <summary>The JSON of exported runs: snake_case names, as the HTTP API writes them.</summary>
internal static class ResearchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
