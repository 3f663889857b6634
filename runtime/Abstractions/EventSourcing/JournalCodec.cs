using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Runtime.EventSourcing;

/// <summary>
/// Serializes events with their runtime type name so a journal of a polymorphic event hierarchy replays
/// without registering every event type up front.
/// </summary>
public static class JournalCodec
{
    /// <summary>The JSON options used for events and snapshots.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly ConcurrentDictionary<string, Type> s_types = new();

    /// <summary>Encodes an event as <c>{"type":"Full.Name, Assembly","data":{...}}</c>.</summary>
    public static byte[] Encode(object @event)
    {
        var type = @event.GetType();
        var envelope = new JsonObject
        {
            ["type"] = $"{type.FullName}, {type.Assembly.GetName().Name}",
            ["data"] = JsonSerializer.SerializeToNode(@event, type, Options),
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, Options);
    }

    /// <summary>Decodes an event written by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The payload is not an envelope or names an unknown type.</exception>
    public static object Decode(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        if (!document.RootElement.TryGetProperty("type", out var typeName) || !document.RootElement.TryGetProperty("data", out var data))
            throw new InvalidDataException("Journal payload is not an event envelope.");
        var name = typeName.GetString() ?? throw new InvalidDataException("Event envelope has no type.");
        var type = s_types.GetOrAdd(name, static n => Type.GetType(n) ?? throw new InvalidDataException($"Unknown event type '{n}'."));
        return data.Deserialize(type, Options) ?? throw new InvalidDataException($"Event of type '{name}' is null.");
    }
}
