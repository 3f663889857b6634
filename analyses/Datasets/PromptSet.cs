namespace Lens.Analyses;

/// <summary>Text prompts for KL, refusal and capture runs: one per row of a <see cref="DatasetTable"/>, from one column.</summary>
public static class PromptSet
{
    /// <param name="path">A .csv, .jsonl, .parquet or .txt file (a .txt file's lines are the column <see cref="DatasetTable.TextColumn"/>).</param>
    /// <param name="column">The column holding the prompt text.</param>
    /// <exception cref="InvalidDataException">The column is missing, or a row's prompt is empty or not text (the row is named).</exception>
    public static IReadOnlyList<string> Read(string path, string column = DatasetTable.TextColumn)
    {
        var table = DatasetTable.Read(path);
        table.Require(column);
        if (table.Rows.Count == 0) throw new InvalidDataException($"{path}: no prompts");
        return table.Rows.Select(row => row.Text(column)).ToList();
    }
}
