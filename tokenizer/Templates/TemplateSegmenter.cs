namespace Lens.Tokenization.Templates;

/// <summary>
/// Cuts template source into segments with Jinja's whitespace control as transformers configures it:
/// <c>trim_blocks</c> (drop the newline after a block or comment tag), <c>lstrip_blocks</c> (drop the indentation
/// before one), <c>-</c>/<c>+</c> modifiers, and the template's one trailing newline removed.
/// </summary>
internal static class TemplateSegmenter
{
    private enum Trim { None, All, Newline }

    public static List<TemplateSegment> Cut(string source)
    {
        if (source.EndsWith('\n')) source = source[..^1];
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++) if (source[i] == '\n') lineStarts.Add(i + 1);
        int LineOf(int offset) { var k = lineStarts.BinarySearch(offset); return (k >= 0 ? k : ~k - 1) + 1; }

        var segments = new List<TemplateSegment>();
        var pos = 0;
        var lineStarting = true;
        var pending = Trim.None;
        while (pos <= source.Length)
        {
            var start = FindTagStart(source, pos);
            var text = source[pos..(start < 0 ? source.Length : start)];
            var textStart = pos;
            switch (pending)
            {
                case Trim.All:
                    var trimmed = text.TrimStart();
                    var consumed = text.Length - trimmed.Length;
                    if (consumed > 0) lineStarting = text[consumed - 1] == '\n';
                    text = trimmed;
                    textStart += consumed;
                    break;
                case Trim.Newline:
                    if (text.StartsWith('\n')) { text = text[1..]; textStart++; lineStarting = true; }
                    else if (text.StartsWith("\r\n", StringComparison.Ordinal)) { text = text[2..]; textStart += 2; lineStarting = true; }
                    break;
            }
            if (start < 0)
            {
                if (text.Length > 0) segments.Add(new TemplateSegment(SegmentKind.Text, text, LineOf(textStart)));
                break;
            }

            var kind = source[start + 1];
            var open = start + 2;
            var modifier = open < source.Length ? source[open] : '\0';
            if (modifier == '-') text = text.TrimEnd();
            else if (modifier != '+' && kind != '{')
            {
                var lineBegin = text.LastIndexOf('\n') + 1;
                if ((lineBegin > 0 || lineStarting) && lineBegin < text.Length && text.AsSpan(lineBegin).Trim().Length == 0) text = text[..lineBegin];
            }
            if (text.Length > 0) segments.Add(new TemplateSegment(SegmentKind.Text, text, LineOf(textStart)));
            if (modifier is '-' or '+') open++;

            var closer = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
            var close = kind == '#' ? source.IndexOf(closer, open, StringComparison.Ordinal) : FindClose(source, open, closer);
            if (close < 0) throw TemplateException.At(LineOf(start), $"'{source.Substring(start, 2)}' is never closed with '{closer}'");
            var inner = source[open..close];
            var endModifier = inner.Length > 0 ? inner[^1] : '\0';
            if (endModifier is '-' or '+') inner = inner[..^1];
            pos = close + 2;
            pending = endModifier == '-' ? Trim.All : endModifier == '+' || kind == '{' ? Trim.None : Trim.Newline;
            lineStarting = false;

            if (kind == '#') continue;
            if (kind == '%' && inner.Trim() == "raw")
            {
                var (rawText, after) = ReadRaw(source, pos, LineOf(start));
                if (rawText.Length > 0) segments.Add(new TemplateSegment(SegmentKind.Text, rawText, LineOf(pos)));
                pos = after;
                continue;
            }
            segments.Add(new TemplateSegment(kind == '{' ? SegmentKind.Output : SegmentKind.Statement, inner, LineOf(start)));
        }
        return segments;
    }

    private static int FindTagStart(string s, int from)
    {
        for (var i = s.IndexOf('{', from); i >= 0 && i + 1 < s.Length; i = s.IndexOf('{', i + 1))
            if (s[i + 1] is '{' or '%' or '#') return i;
        return -1;
    }

    // The closing delimiter outside string literals and brackets, so "{{ '}}' }}" and "{{ {'a': {'b': 1}} }}" close
    // at their last pair, as Jinja's lexer balances brackets.
    private static int FindClose(string s, int from, string closer)
    {
        char quote = '\0';
        var depth = 0;
        for (var i = from; i < s.Length - 1; i++)
        {
            var c = s[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            if (c is '\'' or '"') { quote = c; continue; }
            if (depth == 0 && c == closer[0] && s[i + 1] == closer[1]) return i;
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}' && depth > 0) depth--;
        }
        return -1;
    }

    private static (string Text, int After) ReadRaw(string s, int from, int line)
    {
        for (var i = s.IndexOf("{%", from, StringComparison.Ordinal); i >= 0; i = s.IndexOf("{%", i + 2, StringComparison.Ordinal))
        {
            var close = s.IndexOf("%}", i, StringComparison.Ordinal);
            if (close < 0) break;
            if (s[(i + 2)..close].Trim('-', '+', ' ', '\t', '\n', '\r') == "endraw") return (s[from..i], close + 2);
        }
        throw TemplateException.At(line, "{% raw %} is never closed with {% endraw %}");
    }
}
