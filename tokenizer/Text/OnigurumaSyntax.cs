using System.Text;

namespace Lens.Tokenization.Text;

/// <summary>
/// Rewrites the Oniguruma constructs tokenizer.json patterns use that .NET lacks: possessive quantifiers
/// (<c>X?+</c>, <c>X++</c>, <c>X*+</c>, <c>X{n,m}+</c>) become atomic groups <c>(?&gt;X?)</c>, which match the same.
/// </summary>
internal static class OnigurumaSyntax
{
    public static string ToDotNet(string pattern)
    {
        if (!pattern.Contains("?+") && !pattern.Contains("++") && !pattern.Contains("*+") && !pattern.Contains("}+")) return pattern;
        var output = new StringBuilder(pattern.Length + 16);
        var atomStart = -1; // index in output where the last atom began
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c is '?' or '*' or '+' or '{' && atomStart >= 0)
            {
                var end = c == '{' ? pattern.IndexOf('}', i) + 1 : i + 1;
                if (end <= 0) end = i + 1;
                output.Append(pattern, i, end - i);
                i = end;
                if (i < pattern.Length && pattern[i] == '+')
                {
                    output.Insert(atomStart, "(?>").Append(')');
                    i++;
                }
                else if (i < pattern.Length && pattern[i] == '?') output.Append(pattern[i++]); // lazy
                atomStart = -1;
                continue;
            }
            atomStart = output.Length;
            switch (c)
            {
                case '\\':
                    var len = 2;
                    if (i + 1 < pattern.Length && pattern[i + 1] is 'p' or 'P' && i + 2 < pattern.Length && pattern[i + 2] == '{')
                        len = pattern.IndexOf('}', i) - i + 1;
                    output.Append(pattern, i, Math.Min(len, pattern.Length - i));
                    i += len;
                    break;
                case '[':
                    var close = ClassEnd(pattern, i);
                    output.Append(pattern, i, close - i + 1);
                    i = close + 1;
                    break;
                case '(':
                    var groupEnd = GroupEnd(pattern, i);
                    output.Append('(').Append(ToDotNet(pattern[(i + 1)..groupEnd])).Append(')');
                    i = groupEnd + 1;
                    break;
                case '|':
                    output.Append(c);
                    atomStart = -1;
                    i++;
                    break;
                default:
                    output.Append(c);
                    i++;
                    break;
            }
        }
        return output.ToString();
    }

    private static int ClassEnd(string p, int open)
    {
        var i = open + 1;
        if (i < p.Length && p[i] == '^') i++;
        if (i < p.Length && p[i] == ']') i++;
        for (; i < p.Length; i++)
        {
            if (p[i] == '\\') { i++; continue; }
            if (p[i] == '[') { i = ClassEnd(p, i); continue; }
            if (p[i] == ']') return i;
        }
        throw new ArgumentException($"unterminated character class in pattern {p}");
    }

    private static int GroupEnd(string p, int open)
    {
        var depth = 0;
        for (var i = open; i < p.Length; i++)
        {
            if (p[i] == '\\') { i++; continue; }
            if (p[i] == '[') { i = ClassEnd(p, i); continue; }
            if (p[i] == '(') depth++;
            else if (p[i] == ')' && --depth == 0) return i;
        }
        throw new ArgumentException($"unbalanced parenthesis in pattern {p}");
    }
}
