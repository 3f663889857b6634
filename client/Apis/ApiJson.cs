using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lens.Client.Apis;

/// <summary>The product API's JSON: snake_case names, nulls written, enums as text.</summary>
public static class ApiJson
{
    /// <summary>Options every product route reads and writes with, whatever the host's defaults.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>A 200 response in the API's JSON.</summary>
    public static IResult Ok<T>(T value) => TypedResults.Json(value, Options);
}
