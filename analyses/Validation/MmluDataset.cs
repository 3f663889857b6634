using System.Text.Json;

namespace Lens.Analyses;

/// <summary>Reads MMLU-format JSON Lines: <c>{"subject", "question", "choices": [...], "answer": 0-based index or letter}</c>.</summary>
public static class MmluDataset
{
    public static IReadOnlyList<MmluItem> Read(string path)
    {
        var items = new List<MmluItem>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { items.Add(Parse(line)); }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not an MMLU item ({e.Message})");
            }
        }
        return items;
    }

    public static MmluItem Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var choices = root.GetProperty("choices").EnumerateArray().Select(c => c.GetString() ?? "").ToArray();
        if (choices.Length is < 2 or > 26) throw new FormatException($"{choices.Length} choices; expected 2..26");
        var answer = root.GetProperty("answer");
        var index = answer.ValueKind == JsonValueKind.Number ? answer.GetInt32() : LetterIndex(answer.GetString());
        if (index < 0 || index >= choices.Length) throw new FormatException($"answer {index} is not one of the {choices.Length} choices");
        return new MmluItem(root.GetProperty("subject").GetString() ?? "", root.GetProperty("question").GetString() ?? "", choices, index);
    }

    private static int LetterIndex(string? s) =>
        s is { Length: 1 } && char.IsAsciiLetterUpper(s[0]) ? s[0] - 'A' : throw new FormatException($"answer '{s}' is neither an index nor a capital letter");
}
