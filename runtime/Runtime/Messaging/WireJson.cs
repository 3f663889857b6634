using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lens.Runtime.Messaging;

/// <summary>The one JSON configuration of the wire format.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
