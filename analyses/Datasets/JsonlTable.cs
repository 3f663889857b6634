using System.Globalization;
using System.Text.Json;

namespace Lens.Analyses;

/// <summary>
/// Reads JSON Lines: one JSON object per non-empty line. Columns are the keys in order of first appearance; a key a
/// line lacks reads as null. Arrays become lists of texts (numbers in their JSON form); objects are refused.
/// </summary>
internal static class JsonlTable
{
    public static DatasetTable Read(string path)
    {
        var columns = new List<string>();
        var rows = new List<DatasetRow>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new InvalidDataException($"{path}: line {number} is not JSON ({e.Message})"); }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{path}: line {number} holds a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}; each line must be an object");
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (!columns.Contains(property.Name)) columns.Add(property.Name);
                    values[property.Name] = Value(path, number, property);
                }
                rows.Add(new DatasetRow(path, $"line {number}", values));
            }
        }
        return new DatasetTable(path, columns, rows);
    }

    private static object? Value(string path, int line, JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Number => property.Value.TryGetInt64(out var l) ? l : (object)property.Value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => property.Value.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number => e.GetRawText(),
            _ => throw new InvalidDataException($"{path}: line {line}, column '{property.Name}' holds an array of {e.ValueKind.ToString().ToLowerInvariant()}s; arrays must hold text or numbers"),
        }).ToList(),
        _ => throw new InvalidDataException($"{path}: line {line}, column '{property.Name}' holds a JSON object; values must be text, numbers, booleans or arrays"),
    };
}
