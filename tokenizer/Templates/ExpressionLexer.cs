using System.Globalization;
using System.Text;

namespace Lens.Tokenization.Templates;

/// <summary>Splits the inside of a <c>{{ }}</c> or <c>{% %}</c> tag into names, literals and operators.</summary>
internal static class ExpressionLexer
{
    private static readonly string[] s_operators =
        ["**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "|", ".", ",", ":", "(", ")", "[", "]", "{", "}"];

    public static List<ExpressionToken> Tokenize(string source, int line)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_')) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Name, source[start..i], null, line));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] == '_')) i++;
                var isFloat = false;
                if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
                {
                    isFloat = true;
                    i++;
                    while (i < source.Length && char.IsAsciiDigit(source[i])) i++;
                }
                if (i < source.Length && source[i] is 'e' or 'E')
                {
                    isFloat = true;
                    i++;
                    if (i < source.Length && source[i] is '+' or '-') i++;
                    while (i < source.Length && char.IsAsciiDigit(source[i])) i++;
                }
                var text = source[start..i].Replace("_", "");
                tokens.Add(isFloat
                    ? new ExpressionToken(ExpressionTokenKind.Float, text, double.Parse(text, CultureInfo.InvariantCulture), line)
                    : new ExpressionToken(ExpressionTokenKind.Integer, text, long.Parse(text, CultureInfo.InvariantCulture), line));
                continue;
            }
            if (c is '\'' or '"')
            {
                var (value, end, lines) = ReadString(source, i, line);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.String, source[i..end], value, line));
                line += lines;
                i = end;
                continue;
            }
            var op = s_operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0)
                ?? throw TemplateException.At(line, $"unexpected character '{c}'");
            tokens.Add(new ExpressionToken(ExpressionTokenKind.Operator, op, null, line));
            i += op.Length;
        }
        tokens.Add(new ExpressionToken(ExpressionTokenKind.End, "", null, line));
        return tokens;
    }

    // Python string literal escapes, as Jinja's lexer decodes them.
    private static (string Value, int End, int Lines) ReadString(string s, int start, int line)
    {
        var quote = s[start];
        var sb = new StringBuilder();
        var lines = 0;
        for (var i = start + 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == quote) return (sb.ToString(), i + 1, lines);
            if (c == '\n') lines++;
            if (c != '\\' || i + 1 >= s.Length) { sb.Append(c); continue; }
            var e = s[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'a': sb.Append('\a'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '\n': lines++; break;
                case 'x' when i + 2 < s.Length:
                    sb.Append((char)int.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u' when i + 4 < s.Length:
                    sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                case 'U' when i + 8 < s.Length:
                    sb.Append(char.ConvertFromUtf32(int.Parse(s.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))); i += 8; break;
                default: sb.Append('\\').Append(e); break; // Python keeps unknown escapes verbatim
            }
        }
        throw TemplateException.At(line, "string literal is never closed");
    }
}
