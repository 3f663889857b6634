using System.Globalization;

namespace Lens.Analyses;

/// <summary>
/// MMLU-style questions from a <see cref="DatasetTable"/>: columns <c>subject</c>, <c>question</c>, <c>answer</c> (a
/// 0-based index or a capital letter) and the choices, either as a list column <c>choices</c> (JSON Lines, Parquet as
/// Hugging Face's cais/mmlu has it, or a JSON array in a CSV cell) or as columns <c>A</c>, <c>B</c>, … in order.
/// </summary>
public static class MmluItems
{
    /// <exception cref="InvalidDataException">A column is missing, or a row's value is wrong (the row and column are named).</exception>
    public static IReadOnlyList<MmluItem> Read(string path)
    {
        var table = DatasetTable.Read(path);
        table.Require("subject", "question", "answer");
        var letters = LetterColumns(table);
        if (letters.Count == 0 && !table.Columns.Contains("choices"))
            throw new InvalidDataException($"{path}: no column 'choices' and no choice columns A, B, … (columns: {string.Join(", ", table.Columns)})");
        if (table.Rows.Count == 0) throw new InvalidDataException($"{path}: no questions");
        return table.Rows.Select(row => Item(row, letters)).ToList();
    }

    private static MmluItem Item(DatasetRow row, IReadOnlyList<string> letters)
    {
        var choices = letters.Count > 0 ? LetterChoices(row, letters) : row.TextList("choices");
        var column = letters.Count > 0 ? "A" : "choices";
        if (choices.Count is < 2 or > 26) throw row.Error(column, $"gives {choices.Count} choices; a question needs 2 to 26");
        var answer = Answer(row, choices.Count);
        return new MmluItem(row.Text("subject"), row.Text("question"), choices, answer);
    }

    private static int Answer(DatasetRow row, int choices)
    {
        var index = row["answer"] switch
        {
            long l => l,
            double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (long)d,
            string s when s.Trim() is { Length: 1 } t && char.IsAsciiLetterUpper(t[0]) => t[0] - 'A',
            string s when long.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) => l,
            null => throw row.Error("answer", "has no value"),
            var other => throw row.Error("answer", $"holds {DatasetRow.Describe(other)}; expected a 0-based index or a capital letter"),
        };
        if (index < 0 || index >= choices)
            throw row.Error("answer", $"is {index} ({(index is >= 0 and < 26 ? ((char)('A' + index)).ToString() : "no letter")}), but the question has {choices} choices");
        return (int)index;
    }

    // Choices from the letter columns: leading non-empty cells (a question may use fewer than the file has columns).
    private static IReadOnlyList<string> LetterChoices(DatasetRow row, IReadOnlyList<string> letters)
    {
        var choices = new List<string>();
        for (var i = 0; i < letters.Count; i++)
        {
            if (row[letters[i]] is null or "") continue;
            if (choices.Count < i) throw row.Error(letters[i], $"has a choice after the empty column {letters[choices.Count]}");
            choices.Add(row.Text(letters[i]));
        }
        return choices;
    }

    // Columns named A, B, C, … consecutively from A.
    private static List<string> LetterColumns(DatasetTable table)
    {
        var letters = new List<string>();
        for (var c = 'A'; c <= 'Z' && table.Columns.Contains(c.ToString()); c++) letters.Add(c.ToString());
        return letters;
    }
}
