using System.Collections;
using System.Globalization;
using Parquet.Serialization;

namespace Lens.Analyses;

/// <summary>
/// Reads a Parquet file through Parquet.Net: top-level columns of text, numbers, booleans, and lists of those (as
/// lists of texts). Rows are numbered from 1 in file order across row groups.
/// </summary>
internal static class ParquetTable
{
    public static DatasetTable Read(string path)
    {
        DeserializationResult<Dictionary<string, object>> result;
        try
        {
            using var stream = File.OpenRead(path);
            // Parquet.Net is asynchronous only; a dataset is read once, off any request thread, so waiting here is fine.
            result = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or NotSupportedException or InvalidOperationException or ArgumentException or InvalidCastException)
        {
            throw new InvalidDataException($"{path}: not a readable Parquet file ({e.Message})", e);
        }
        var columns = result.Schema.Fields.Select(f => f.Name).ToList();
        var rows = new List<DatasetRow>(result.Data.Count);
        for (var r = 0; r < result.Data.Count; r++)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (column, value) in result.Data[r]) values[column] = Value(path, r + 1, column, value);
            rows.Add(new DatasetRow(path, $"row {r + 1}", values));
        }
        return new DatasetTable(path, columns, rows);
    }

    private static object? Value(string path, int row, string column, object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        ReadOnlyMemory<char> chars => chars.ToString(),
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        decimal d => (double)d,
        byte[] => throw Unsupported(path, row, column, "bytes"),
        IEnumerable items => items.Cast<object?>().Select(item => Item(path, row, column, item)).ToList(),
        _ => throw Unsupported(path, row, column, value.GetType().Name),
    };

    private static string? Item(string path, int row, string column, object? item) => item switch
    {
        null => null,
        string s => s,
        ReadOnlyMemory<char> chars => chars.ToString(),
        IFormattable number when item is not DateTime and not DateTimeOffset => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw Unsupported(path, row, column, $"a list of {item.GetType().Name}"),
    };

    private static InvalidDataException Unsupported(string path, int row, string column, string what) =>
        new($"{path}: row {row}, column '{column}' holds {what}; dataset values must be text, numbers, booleans or lists of them");
}
