namespace Lens.Tokenization.Text;

/// <summary>
/// tokenizer.json's <c>{"String": "..."}</c> or <c>{"Regex": "..."}</c> pattern, used by Split, Replace
/// normalizers and decoders.
/// </summary>
internal sealed class TextPattern
{
    private readonly string? _literal;
    private readonly CodePointRegex? _regex;
    [ThreadStatic] private static List<(int, int)>? s_matches;

    private TextPattern(string? literal, CodePointRegex? regex) { _literal = literal; _regex = regex; }

    public static TextPattern Literal(string s) => new(s, null);
    public static TextPattern Regex(string pattern) => new(null, new CodePointRegex(pattern));

    public override string ToString() => _literal is not null ? $"String({_literal})" : $"Regex({_regex!.Source})";

    /// <summary>Non-overlapping matches (start, length), left to right.</summary>
    public List<(int Start, int Length)> Matches(string text)
    {
        var output = s_matches ??= [];
        output.Clear();
        if (_regex is not null) { _regex.Matches(text, output); return output; }
        if (_literal!.Length == 0) return output;
        for (var at = text.IndexOf(_literal, StringComparison.Ordinal); at >= 0; at = text.IndexOf(_literal, at + _literal.Length, StringComparison.Ordinal))
            output.Add((at, _literal.Length));
        return output;
    }

    public string Replace(string text, string replacement)
    {
        if (_literal is not null) return _literal.Length == 0 ? text : text.Replace(_literal, replacement, StringComparison.Ordinal);
        var matches = Matches(text);
        if (matches.Count == 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var last = 0;
        foreach (var (start, length) in matches)
        {
            sb.Append(text, last, start - last).Append(replacement);
            last = start + length;
        }
        return sb.Append(text, last, text.Length - last).ToString();
    }
}
