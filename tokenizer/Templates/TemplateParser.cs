namespace Lens.Tokenization.Templates;

/// <summary>Builds the statement tree from template segments. Unknown tags are refused with their line.</summary>
internal sealed class TemplateParser
{
    private readonly List<TemplateSegment> _segments;
    private int _pos;

    private TemplateParser(List<TemplateSegment> segments) => _segments = segments;

    public static IReadOnlyList<Node> Parse(string source)
    {
        var parser = new TemplateParser(TemplateSegmenter.Cut(source));
        var (body, end, _, line) = parser.ParseBlock([]);
        if (end is not null) throw TemplateException.At(line, $"unexpected '{{% {end} %}}'");
        return body;
    }

    /// <summary>Nodes up to one of <paramref name="endTags"/>; returns the end tag met, its remaining tokens and line.</summary>
    private (List<Node> Body, string? End, ExpressionParser? Tail, int Line) ParseBlock(string[] endTags)
    {
        var nodes = new List<Node>();
        while (_pos < _segments.Count)
        {
            var segment = _segments[_pos++];
            switch (segment.Kind)
            {
                case SegmentKind.Text:
                    nodes.Add(new TextNode(segment.Content, segment.Line));
                    continue;
                case SegmentKind.Output:
                {
                    var p = new ExpressionParser(ExpressionLexer.Tokenize(segment.Content, segment.Line));
                    var value = p.ParseExpression();
                    p.ExpectEnd();
                    nodes.Add(new OutputNode(value, segment.Line));
                    continue;
                }
            }
            var parser = new ExpressionParser(ExpressionLexer.Tokenize(segment.Content, segment.Line));
            var tag = parser.ExpectName();
            if (endTags.Contains(tag)) return (nodes, tag, parser, segment.Line);
            nodes.Add(ParseStatement(tag, parser, segment.Line));
        }
        return (nodes, null, null, 0);
    }

    private (List<Node> Body, string End, ExpressionParser Tail) ParseBody(string opener, int line, params string[] endTags)
    {
        var (body, end, rest, _) = ParseBlock(endTags);
        if (end is null) throw TemplateException.At(line, $"'{{% {opener} %}}' is never closed (expected {string.Join(" or ", endTags.Select(t => $"'{{% {t} %}}'"))})");
        return (body, end, rest!);
    }

    private Node ParseStatement(string tag, ExpressionParser p, int line)
    {
        switch (tag)
        {
            case "if":
            {
                var branches = new List<(Expr, IReadOnlyList<Node>)>();
                var condition = p.ParseExpression();
                p.ExpectEnd();
                while (true)
                {
                    var (body, end, rest) = ParseBody("if", line, "elif", "else", "endif");
                    branches.Add((condition, body));
                    if (end == "elif") { condition = rest.ParseExpression(); rest.ExpectEnd(); continue; }
                    if (end == "endif") { rest.ExpectEnd(); return new IfNode(branches, null, line); }
                    rest.ExpectEnd();
                    var (elseBody, _, closing) = ParseBody("else", line, "endif");
                    closing.ExpectEnd();
                    return new IfNode(branches, elseBody, line);
                }
            }
            case "for":
            {
                var targets = new List<string> { p.ExpectName() };
                while (p.Accept(",")) targets.Add(p.ExpectName());
                if (!p.AcceptName("in")) throw TemplateException.At(line, $"expected 'in' in for loop, found {ExpressionParser.Describe(p.Peek)}");
                var iterable = p.ParseExpression(allowConditional: false);
                Expr? filter = p.AcceptName("if") ? p.ParseExpression(allowConditional: false) : null;
                if (p.Peek.IsName("recursive")) throw new TemplateSyntaxNotSupportedException($"chat template line {line}: recursive for loops are not supported");
                p.ExpectEnd();
                var (body, end, rest) = ParseBody("for", line, "else", "endfor");
                rest.ExpectEnd();
                IReadOnlyList<Node>? elseBody = null;
                if (end == "else")
                {
                    (elseBody, _, rest) = ParseBody("else", line, "endfor");
                    rest.ExpectEnd();
                }
                return new ForNode(targets, iterable, filter, body, elseBody, line);
            }
            case "set":
            {
                var targets = new List<string> { p.ExpectName() };
                string? attribute = null;
                if (p.Accept(".")) attribute = p.ExpectName();
                else while (p.Accept(",")) targets.Add(p.ExpectName());
                if (p.Accept("="))
                {
                    var value = p.ParseExpression();
                    if (p.Peek.Is(","))
                    {
                        var items = new List<Expr> { value };
                        while (p.Accept(",")) items.Add(p.ParseExpression());
                        value = new ListExpr(items, line);
                    }
                    p.ExpectEnd();
                    return new SetNode(targets, attribute, value, line);
                }
                if (p.Peek.Is("|")) throw new TemplateSyntaxNotSupportedException($"chat template line {line}: filtered block set is not supported");
                p.ExpectEnd();
                if (attribute is not null || targets.Count > 1) throw TemplateException.At(line, "block set needs a single name");
                var (body, _, rest) = ParseBody("set", line, "endset");
                rest.ExpectEnd();
                return new SetBlockNode(targets[0], body, line);
            }
            case "macro":
            {
                var name = p.ExpectName();
                var parameters = new List<(string, Expr?)>();
                p.Expect("(");
                while (!p.Peek.Is(")"))
                {
                    var parameter = p.ExpectName();
                    parameters.Add((parameter, p.Accept("=") ? p.ParseExpression() : null));
                    if (!p.Accept(",")) break;
                }
                p.Expect(")");
                p.ExpectEnd();
                var (body, _, rest) = ParseBody("macro", line, "endmacro");
                return new MacroNode(name, parameters, body, line);
            }
            case "filter":
            {
                var name = p.ExpectName();
                var args = p.Accept("(") ? p.ParseArguments().Args : [];
                p.ExpectEnd();
                var (body, _, rest) = ParseBody("filter", line, "endfilter");
                rest.ExpectEnd();
                return new FilterBlockNode(name, args, body, line);
            }
            case "generation":
            {
                p.ExpectEnd();
                var (body, _, rest) = ParseBody("generation", line, "endgeneration");
                rest.ExpectEnd();
                return new GenerationNode(body, line);
            }
            case "break": p.ExpectEnd(); return new BreakNode(line);
            case "continue": p.ExpectEnd(); return new ContinueNode(line);
            case "elif" or "else" or "endif" or "endfor" or "endset" or "endmacro" or "endfilter" or "endgeneration":
                throw TemplateException.At(line, $"unexpected '{{% {tag} %}}'");
            default:
                throw new TemplateSyntaxNotSupportedException($"chat template line {line}: the '{{% {tag} %}}' tag is not supported");
        }
    }
}
