using System.Globalization;

namespace Lens.Analyses;

/// <summary>
/// One row of a <see cref="DatasetTable"/>: its fields by column name and where it sits in its file, so every
/// complaint about a value can name the file, the row and the column. Values are <c>string</c>, <c>long</c>,
/// <c>double</c>, <c>bool</c>, a list of texts (<c>IReadOnlyList&lt;string?&gt;</c>) or null (absent).
/// </summary>
public sealed class DatasetRow(string source, string place, IReadOnlyDictionary<string, object?> fields)
{
    /// <summary>Where the row is, as a reader would look for it: "line 7" (CSV, JSONL, text) or "row 3" (Parquet).</summary>
    public string Place { get; } = place;

    public IReadOnlyDictionary<string, object?> Fields { get; } = fields;

    /// <summary>The raw value, or null when the row has none for <paramref name="column"/>.</summary>
    public object? this[string column] => Fields.GetValueOrDefault(column);

    /// <summary>A required text value; numbers are accepted in their invariant form.</summary>
    /// <exception cref="InvalidDataException">The value is absent, empty or not text.</exception>
    public string Text(string column) => this[column] switch
    {
        string s when s.Trim().Length > 0 => s,
        string => throw Error(column, "is empty"),
        long or double => Convert.ToString(this[column], CultureInfo.InvariantCulture)!,
        null => throw Error(column, "has no value"),
        var other => throw Error(column, $"holds {Describe(other)}, not text"),
    };

    /// <summary>A required list of texts: a list value, or text holding a JSON array of strings (as CSV cells do).</summary>
    /// <exception cref="InvalidDataException">The value is absent, not a list, or holds a null.</exception>
    public IReadOnlyList<string> TextList(string column)
    {
        var list = this[column] switch
        {
            IReadOnlyList<string?> l => l,
            string s when s.TrimStart().StartsWith('[') => ParseJsonArray(column, s),
            null => throw Error(column, "has no value"),
            var other => throw Error(column, $"holds {Describe(other)}, not a list"),
        };
        for (var i = 0; i < list.Count; i++)
            if (list[i] is null) throw Error(column, $"item {i} is null");
        return list!;
    }

    /// <summary>The complaint about one value, naming the file, the row and the column.</summary>
    public InvalidDataException Error(string column, string problem) => new($"{source}: {Place}, column '{column}' {problem}");

    internal static string Describe(object value) => value switch
    {
        string => "text",
        long or double => $"the number {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        bool b => b ? "true" : "false",
        IReadOnlyList<string?> l => $"a list of {l.Count}",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private IReadOnlyList<string?> ParseJsonArray(string column, string text)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string?[]>(text) ?? throw Error(column, "holds the JSON null, not a list");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Error(column, $"is not a JSON array of strings ({e.Message})");
        }
    }
}
