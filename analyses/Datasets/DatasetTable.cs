namespace Lens.Analyses;

/// <summary>
/// A validation dataset read whole: rows of named fields from a CSV file (header row first), JSON Lines (one object
/// per line), Parquet, or plain text (one value per non-empty line, in the column <see cref="TextColumn"/>). The file
/// kind comes from the extension. Every problem is an <see cref="InvalidDataException"/> naming the file and, where
/// there is one, the row and column.
/// </summary>
public sealed class DatasetTable(string path, IReadOnlyList<string> columns, IReadOnlyList<DatasetRow> rows)
{
    /// <summary>The column a plain-text file's lines are read into.</summary>
    public const string TextColumn = "prompt";

    /// <summary>The extensions <see cref="Read"/> understands.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".jsonl", ".parquet", ".txt"];

    public string Path { get; } = path;
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<DatasetRow> Rows { get; } = rows;

    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The extension is not one of <see cref="Extensions"/>, or the content is malformed.</exception>
    public static DatasetTable Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such dataset file", path);
        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => CsvTable.Read(path),
            ".jsonl" => JsonlTable.Read(path),
            ".parquet" => ParquetTable.Read(path),
            ".txt" => TextLines(path),
            var other => throw new InvalidDataException(
                $"{path}: cannot read '{(other.Length == 0 ? "(no extension)" : other)}' datasets; use {string.Join(", ", Extensions)}"),
        };
    }

    /// <summary>Fails unless every named column exists, naming the first missing one and the columns there are.</summary>
    public void Require(params string[] names)
    {
        foreach (var name in names)
            if (!Columns.Contains(name, StringComparer.Ordinal))
                throw new InvalidDataException($"{Path}: no column '{name}' (columns: {(Columns.Count == 0 ? "none" : string.Join(", ", Columns))})");
    }

    private static DatasetTable TextLines(string path)
    {
        var rows = new List<DatasetRow>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length > 0) rows.Add(new DatasetRow(path, $"line {number}", new Dictionary<string, object?> { [TextColumn] = line }));
        }
        return new DatasetTable(path, [TextColumn], rows);
    }
}
