using System.Text.Json;

namespace Lens.Tokenization.Loading;

/// <summary>
/// Typed reads of tokenizer.json fields whose errors name the file and the field path,
/// so a broken file is reported as "tokenizer.json: model.merges[3] ..." rather than a bare JSON exception.
/// </summary>
internal readonly struct JsonFields(string file)
{
    public string File { get; } = file;

    public InvalidDataException Invalid(string path, string problem) => new($"{File}: {path} {problem}");

    public JsonElement Required(JsonElement obj, string name, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw Invalid(path, $"must be an object, found {obj.ValueKind}");
        return obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw Invalid(Join(path, name), "is missing");
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public string String(JsonElement obj, string name, string path) => AsString(Required(obj, name, path), Join(path, name));

    public string? OptionalString(JsonElement obj, string name, string path) =>
        Optional(obj, name) is { } v ? AsString(v, Join(path, name)) : null;

    public string AsString(JsonElement v, string path) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Invalid(path, $"must be a string, found {v.ValueKind}");

    public bool Bool(JsonElement obj, string name, string path, bool fallback)
    {
        if (Optional(obj, name) is not { } v) return fallback;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(Join(path, name), $"must be true or false, found {v.ValueKind}"),
        };
    }

    public int Int(JsonElement obj, string name, string path) => AsInt(Required(obj, name, path), Join(path, name));

    public int AsInt(JsonElement v, string path) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Invalid(path, $"must be a 32-bit integer, found {v}");

    public JsonElement Array(JsonElement obj, string name, string path)
    {
        var v = Required(obj, name, path);
        return v.ValueKind == JsonValueKind.Array ? v : throw Invalid(Join(path, name), $"must be an array, found {v.ValueKind}");
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
