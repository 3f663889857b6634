namespace Lens.Tokenization.Templates;

/// <summary>
/// Recursive-descent parser for Jinja expressions with Jinja's precedence: conditional, or, and, not,
/// comparisons/in, + -, ~, * / // %, **, unary, then postfix (. [] ()) and filters/tests (| is).
/// </summary>
internal sealed class ExpressionParser(List<ExpressionToken> tokens)
{
    private static readonly HashSet<string> s_keywords = ["and", "or", "not", "in", "is", "if", "else", "recursive"];
    private int _pos;

    public ExpressionToken Peek => tokens[_pos];
    public ExpressionToken PeekAt(int offset) => tokens[Math.Min(_pos + offset, tokens.Count - 1)];
    public bool AtEnd => Peek.Kind == ExpressionTokenKind.End;
    public ExpressionToken Next() => tokens[_pos < tokens.Count - 1 ? _pos++ : _pos];

    public bool Accept(string op) { if (!Peek.Is(op)) return false; _pos++; return true; }
    public bool AcceptName(string name) { if (!Peek.IsName(name)) return false; _pos++; return true; }

    public void Expect(string op)
    {
        if (!Accept(op)) throw TemplateException.At(Peek.Line, $"expected '{op}' but found {Describe(Peek)}");
    }

    public string ExpectName()
    {
        var t = Next();
        return t.Kind == ExpressionTokenKind.Name ? t.Text : throw TemplateException.At(t.Line, $"expected a name but found {Describe(t)}");
    }

    public void ExpectEnd()
    {
        if (!AtEnd) throw TemplateException.At(Peek.Line, $"unexpected {Describe(Peek)}");
    }

    public static string Describe(ExpressionToken t) => t.Kind == ExpressionTokenKind.End ? "end of tag" : $"'{t.Text}'";

    public Expr ParseExpression(bool allowConditional = true) => allowConditional ? ParseConditional() : ParseOr();

    private Expr ParseConditional()
    {
        var expr = ParseOr();
        while (Peek.IsName("if"))
        {
            var line = Next().Line;
            var condition = ParseOr();
            Expr? otherwise = AcceptName("else") ? ParseConditional() : null;
            expr = new ConditionalExpr(condition, expr, otherwise, line);
        }
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Peek.IsName("or")) { var line = Next().Line; left = new BinaryExpr("or", left, ParseAnd(), line); }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Peek.IsName("and")) { var line = Next().Line; left = new BinaryExpr("and", left, ParseNot(), line); }
        return left;
    }

    private Expr ParseNot()
    {
        if (Peek.IsName("not")) { var line = Next().Line; return new UnaryExpr("not", ParseNot(), line); }
        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var left = ParseMath1();
        while (true)
        {
            var t = Peek;
            if (t.Kind == ExpressionTokenKind.Operator && t.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                Next();
                left = new BinaryExpr(t.Text, left, ParseMath1(), t.Line);
            }
            else if (t.IsName("in")) { Next(); left = new BinaryExpr("in", left, ParseMath1(), t.Line); }
            else if (t.IsName("not") && PeekAt(1).IsName("in")) { Next(); Next(); left = new BinaryExpr("not in", left, ParseMath1(), t.Line); }
            else return left;
        }
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Peek.Is("+") || Peek.Is("-")) { var t = Next(); left = new BinaryExpr(t.Text, left, ParseConcat(), t.Line); }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMath2();
        while (Peek.Is("~")) { var t = Next(); left = new BinaryExpr("~", left, ParseMath2(), t.Line); }
        return left;
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Peek.Is("*") || Peek.Is("/") || Peek.Is("//") || Peek.Is("%")) { var t = Next(); left = new BinaryExpr(t.Text, left, ParsePow(), t.Line); }
        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary(withFilter: true);
        while (Peek.Is("**")) { var t = Next(); left = new BinaryExpr("**", left, ParseUnary(withFilter: true), t.Line); }
        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        Expr node;
        if (Peek.Is("-") || Peek.Is("+")) { var t = Next(); node = new UnaryExpr(t.Text, ParseUnary(withFilter: false), t.Line); }
        else node = ParsePostfix(ParsePrimary());
        return withFilter ? ParseFiltersAndTests(node) : node;
    }

    private Expr ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case ExpressionTokenKind.Name:
                return t.Text switch
                {
                    "true" or "True" => new LiteralExpr(true, t.Line),
                    "false" or "False" => new LiteralExpr(false, t.Line),
                    "none" or "None" => new LiteralExpr(null, t.Line),
                    _ when s_keywords.Contains(t.Text) => throw TemplateException.At(t.Line, $"unexpected keyword '{t.Text}'"),
                    _ => new NameExpr(t.Text, t.Line),
                };
            case ExpressionTokenKind.String:
                var s = (string)t.Value!;
                while (Peek.Kind == ExpressionTokenKind.String) s += (string)Next().Value!; // adjacent literals concatenate
                return new LiteralExpr(s, t.Line);
            case ExpressionTokenKind.Integer:
            case ExpressionTokenKind.Float:
                return new LiteralExpr(t.Value, t.Line);
        }
        if (t.Is("("))
        {
            if (Accept(")")) return new ListExpr([], t.Line);
            var first = ParseExpression();
            if (Accept(")")) return first;
            var items = new List<Expr> { first };
            while (Accept(",") && !Peek.Is(")")) items.Add(ParseExpression());
            Expect(")");
            return new ListExpr(items, t.Line);
        }
        if (t.Is("["))
        {
            var items = new List<Expr>();
            while (!Peek.Is("]")) { items.Add(ParseExpression()); if (!Accept(",")) break; }
            Expect("]");
            return new ListExpr(items, t.Line);
        }
        if (t.Is("{"))
        {
            var items = new List<(Expr, Expr)>();
            while (!Peek.Is("}"))
            {
                var key = ParseExpression();
                Expect(":");
                items.Add((key, ParseExpression()));
                if (!Accept(",")) break;
            }
            Expect("}");
            return new DictExpr(items, t.Line);
        }
        throw TemplateException.At(t.Line, $"unexpected {Describe(t)}");
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var t = Peek;
            if (t.Is("."))
            {
                Next();
                var member = Next();
                node = member.Kind switch
                {
                    ExpressionTokenKind.Name => new AttributeExpr(node, member.Text, t.Line),
                    ExpressionTokenKind.Integer => new ItemExpr(node, new LiteralExpr(member.Value, t.Line), t.Line),
                    _ => throw TemplateException.At(t.Line, $"expected an attribute name after '.', found {Describe(member)}"),
                };
            }
            else if (t.Is("[")) { Next(); node = ParseSubscript(node, t.Line); }
            else if (t.Is("(")) { Next(); var (args, kwargs) = ParseArguments(); node = new CallExpr(node, args, kwargs, t.Line); }
            else return node;
        }
    }

    private Expr ParseSubscript(Expr target, int line)
    {
        Expr? start = null, stop = null, step = null;
        if (!Peek.Is(":")) start = ParseExpression();
        if (Accept("]")) return new ItemExpr(target, start!, line);
        Expect(":");
        if (!Peek.Is(":") && !Peek.Is("]")) stop = ParseExpression();
        if (Accept(":") && !Peek.Is("]")) step = ParseExpression();
        Expect("]");
        return new SliceExpr(target, start, stop, step, line);
    }

    /// <summary>Arguments after an opening '(' up to and including ')'.</summary>
    public (List<Expr> Args, List<(string, Expr)> Kwargs) ParseArguments()
    {
        var args = new List<Expr>();
        var kwargs = new List<(string, Expr)>();
        while (!Peek.Is(")"))
        {
            if (Peek.Kind == ExpressionTokenKind.Name && PeekAt(1).Is("="))
            {
                var name = Next().Text;
                Next();
                kwargs.Add((name, ParseExpression()));
            }
            else
            {
                if (Peek.Is("*") || Peek.Is("**")) throw new TemplateSyntaxNotSupportedException($"chat template line {Peek.Line}: *args/**kwargs in calls are not supported");
                args.Add(ParseExpression());
            }
            if (!Accept(",")) break;
        }
        Expect(")");
        return (args, kwargs);
    }

    private Expr ParseFiltersAndTests(Expr node)
    {
        while (true)
        {
            var t = Peek;
            if (t.Is("|"))
            {
                Next();
                var name = ExpectName();
                List<Expr> args = [];
                List<(string, Expr)> kwargs = [];
                if (Accept("(")) (args, kwargs) = ParseArguments();
                node = new FilterExpr(node, name, args, kwargs, t.Line);
            }
            else if (t.IsName("is"))
            {
                Next();
                var negated = AcceptName("not");
                var name = ExpectName();
                List<Expr> args = [];
                if (Accept("(")) args = ParseArguments().Args;
                else if (Peek.Kind is ExpressionTokenKind.String or ExpressionTokenKind.Integer or ExpressionTokenKind.Float
                         || (Peek.Kind == ExpressionTokenKind.Name && !s_keywords.Contains(Peek.Text)))
                    args = [ParsePostfix(ParsePrimary())];
                node = new TestExpr(node, name, args, negated, t.Line);
            }
            else return node;
        }
    }
}
