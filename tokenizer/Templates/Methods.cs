using System.Text;

namespace Lens.Tokenization.Templates;

/// <summary>The Python str and dict methods chat templates call (<c>content.startswith('x')</c>, <c>d.items()</c>).</summary>
internal static class Methods
{
    public static TemplateFunction? Bind(string s, string name) => name switch
    {
        "startswith" => new(name, (a, _) => Affix(a, 0, name).Any(p => s.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => new(name, (a, _) => Affix(a, 0, name).Any(p => s.EndsWith(p, StringComparison.Ordinal))),
        "strip" => new(name, (a, _) => Strip(s, Arg(a, 0), true, true)),
        "lstrip" => new(name, (a, _) => Strip(s, Arg(a, 0), true, false)),
        "rstrip" => new(name, (a, _) => Strip(s, Arg(a, 0), false, true)),
        "split" => new(name, (a, k) => Split(s, Arg(a, 0) ?? Kw(k, "sep"), (long?)(Arg(a, 1) ?? Kw(k, "maxsplit")) ?? -1)),
        "rsplit" => new(name, (a, k) => RSplit(s, (string?)(Arg(a, 0) ?? Kw(k, "sep")), (long?)(Arg(a, 1) ?? Kw(k, "maxsplit")) ?? -1)),
        "splitlines" => new(name, (_, _) => SplitLines(s)),
        "upper" => new(name, (_, _) => s.ToUpperInvariant()),
        "lower" => new(name, (_, _) => s.ToLowerInvariant()),
        "title" => new(name, (_, _) => Title(s)),
        "capitalize" => new(name, (_, _) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()),
        "replace" => new(name, (a, _) => Replace(s, Str(a, 0, name), Str(a, 1, name), (long?)Arg(a, 2) ?? -1)),
        "find" => new(name, (a, _) => (long)s.IndexOf(Str(a, 0, name), StringComparison.Ordinal)),
        "rfind" => new(name, (a, _) => (long)s.LastIndexOf(Str(a, 0, name), StringComparison.Ordinal)),
        "count" => new(name, (a, _) => (long)Count(s, Str(a, 0, name))),
        "join" => new(name, (a, _) => string.Join(s, PyValues.Iterate(Arg(a, 0)).Select(PyValues.ToStr))),
        "isdigit" => new(name, (_, _) => s.Length > 0 && s.All(char.IsDigit)),
        "isalpha" => new(name, (_, _) => s.Length > 0 && s.All(char.IsLetter)),
        "isspace" => new(name, (_, _) => s.Length > 0 && s.All(char.IsWhiteSpace)),
        "isupper" => new(name, (_, _) => s.Any(char.IsLetter) && !s.Any(char.IsLower)),
        "islower" => new(name, (_, _) => s.Any(char.IsLetter) && !s.Any(char.IsUpper)),
        _ => null,
    };

    public static TemplateFunction Bind(Dictionary<string, object?> d, string name) => name switch
    {
        "items" => new(name, (_, _) => d.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList()),
        "keys" => new(name, (_, _) => d.Keys.Select(k => (object?)k).ToList()),
        "values" => new(name, (_, _) => d.Values.ToList()),
        _ => new(name, (a, _) => Arg(a, 0) is string key && d.TryGetValue(key, out var v) ? v : Arg(a, 1)),
    };

    private static object? Arg(List<object?> args, int i) => i < args.Count ? args[i] : null;
    private static object? Kw(Dictionary<string, object?> kwargs, string name) => kwargs.GetValueOrDefault(name);

    private static string Str(List<object?> args, int i, string method) =>
        Arg(args, i) as string ?? throw new InvalidOperationException($"str.{method}() argument {i + 1} must be a string, not {PyValues.TypeName(Arg(args, i))}");

    private static IEnumerable<string> Affix(List<object?> args, int i, string method) => Arg(args, i) switch
    {
        string s => [s],
        List<object?> l => l.Select(x => x as string ?? throw new InvalidOperationException($"str.{method}() tuple must hold strings")),
        var other => throw new InvalidOperationException($"str.{method}() argument must be str or tuple, not {PyValues.TypeName(other)}"),
    };

    public static string Strip(string s, object? chars, bool left, bool right)
    {
        if (chars is null or Undefined) return left && right ? s.Trim() : left ? s.TrimStart() : s.TrimEnd();
        var set = chars as string ?? throw new InvalidOperationException($"strip arg must be None or str, not {PyValues.TypeName(chars)}");
        var from = 0;
        var to = s.Length;
        if (left) while (from < to && set.Contains(s[from])) from++;
        if (right) while (to > from && set.Contains(s[to - 1])) to--;
        return s[from..to];
    }

    private static List<object?> Split(string s, object? sep, long maxSplit)
    {
        var result = new List<object?>();
        if (sep is null)
        {
            // Runs of whitespace separate; no empty strings.
            var i = 0;
            while (i < s.Length)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i == s.Length) break;
                if (maxSplit >= 0 && result.Count == maxSplit) { result.Add(s[i..].TrimEnd()); return result; }
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
                result.Add(s[start..i]);
            }
            return result;
        }
        var separator = sep as string ?? throw new InvalidOperationException($"must be str or None, not {PyValues.TypeName(sep)}");
        if (separator.Length == 0) throw new InvalidOperationException("empty separator");
        var at = 0;
        while (maxSplit < 0 || result.Count < maxSplit)
        {
            var next = s.IndexOf(separator, at, StringComparison.Ordinal);
            if (next < 0) break;
            result.Add(s[at..next]);
            at = next + separator.Length;
        }
        result.Add(s[at..]);
        return result;
    }

    private static List<object?> RSplit(string s, string? sep, long maxSplit)
    {
        if (sep is null || maxSplit < 0) return Split(s, sep, maxSplit);
        var result = new List<object?>();
        var end = s.Length;
        while (result.Count < maxSplit)
        {
            var at = s.LastIndexOf(sep, Math.Max(0, end - 1), StringComparison.Ordinal);
            if (at < 0 || at + sep.Length > end) break;
            result.Insert(0, s[(at + sep.Length)..end]);
            end = at;
        }
        result.Insert(0, s[..end]);
        return result;
    }

    private static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0) return old.Length == 0 ? s : s.Replace(old, replacement, StringComparison.Ordinal);
        var sb = new StringBuilder();
        var at = 0;
        for (var n = 0; n < count; n++)
        {
            var next = s.IndexOf(old, at, StringComparison.Ordinal);
            if (next < 0 || old.Length == 0) break;
            sb.Append(s, at, next - at).Append(replacement);
            at = next + old.Length;
        }
        return sb.Append(s, at, s.Length - at).ToString();
    }

    private static int Count(string s, string sub)
    {
        if (sub.Length == 0) return s.Length + 1;
        var n = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static List<object?> SplitLines(string s)
    {
        var lines = s.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r').Select(l => (object?)l).ToList();
        if (lines.Count > 0 && (string)lines[^1]! == "") lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }
        return sb.ToString();
    }
}
