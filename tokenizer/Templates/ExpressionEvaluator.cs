namespace Lens.Tokenization.Templates;

/// <summary>Evaluates expressions with Python/Jinja semantics; failures are reported with the expression's line.</summary>
internal sealed class ExpressionEvaluator(TemplateRenderer renderer)
{
    public TemplateRenderer Renderer { get; } = renderer;

    public object? Evaluate(Expr e, Scope scope)
    {
        try { return Eval(e, scope); }
        catch (InvalidOperationException ex) when (ex is not TemplateException) { throw TemplateException.At(e.Line, ex.Message); }
        catch (ArgumentException ex) { throw TemplateException.At(e.Line, ex.Message); }
    }

    private object? Eval(Expr e, Scope scope)
    {
        switch (e)
        {
            case LiteralExpr l: return l.Value;
            case NameExpr n: return scope.Lookup(n.Name);
            case AttributeExpr a: return Members.Attribute(Eval(a.Target, scope), a.Name);
            case ItemExpr i: return Members.Item(Eval(i.Target, scope), Eval(i.Key, scope));
            case SliceExpr s:
                return Members.Slice(Eval(s.Target, scope), OptionalInt(s.Start, scope), OptionalInt(s.Stop, scope), OptionalInt(s.Step, scope));
            case CallExpr c:
            {
                var function = Eval(c.Function, scope);
                var args = c.Args.Select(a => Eval(a, scope)).ToList();
                var kwargs = c.Kwargs.ToDictionary(k => k.Name, k => Eval(k.Value, scope));
                return function is TemplateFunction f ? f.Invoke(args, kwargs)
                    : throw new InvalidOperationException($"{Describe(c.Function)} is not callable ({PyValues.TypeName(function)})");
            }
            case FilterExpr f:
                return ApplyFilter(f.Name, Eval(f.Value, scope), f.Args.Select(a => Eval(a, scope)).ToList(),
                    f.Kwargs.ToDictionary(k => k.Name, k => Eval(k.Value, scope)), f.Line);
            case TestExpr t:
                var result = Predicates.Test(t.Name, Eval(t.Value, scope), t.Args.Select(a => Eval(a, scope)).ToList(), t.Line);
                return t.Negated ? !result : result;
            case UnaryExpr u:
            {
                var v = Eval(u.Operand, scope);
                return u.Op switch
                {
                    "not" => !PyValues.Truthy(v),
                    "-" => v switch { long l => (object)(-l), double d => -d, bool b => b ? -1L : 0L, _ => throw new InvalidOperationException($"bad operand for unary -: {PyValues.TypeName(v)}") },
                    _ => PyValues.IsNumber(v) ? v : throw new InvalidOperationException($"bad operand for unary +: {PyValues.TypeName(v)}"),
                };
            }
            case BinaryExpr b:
                if (b.Op == "and") { var l = Eval(b.Left, scope); return PyValues.Truthy(l) ? Eval(b.Right, scope) : l; }
                if (b.Op == "or") { var l = Eval(b.Left, scope); return PyValues.Truthy(l) ? l : Eval(b.Right, scope); }
                return Operators.Binary(b.Op, Eval(b.Left, scope), Eval(b.Right, scope));
            case ConditionalExpr c:
                return PyValues.Truthy(Eval(c.Condition, scope)) ? Eval(c.Then, scope)
                    : c.Else is null ? new Undefined("conditional expression") : Eval(c.Else, scope);
            case ListExpr l:
                return l.Items.Select(i => Eval(i, scope)).ToList();
            case DictExpr d:
            {
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in d.Items) dict[PyValues.ToStr(Eval(k, scope))] = Eval(v, scope);
                return dict;
            }
            default:
                throw new InvalidOperationException($"cannot evaluate {e.GetType().Name}");
        }
    }

    public object? ApplyFilter(string name, object? value, List<object?> args, Dictionary<string, object?> kwargs, int line) =>
        Filters.Apply(name, value, args, kwargs, line);

    private long? OptionalInt(Expr? e, Scope scope) => e is null ? null : Eval(e, scope) switch
    {
        null => null,
        long l => l,
        bool b => b ? 1 : 0,
        var other => throw new InvalidOperationException($"slice indices must be integers or None, not {PyValues.TypeName(other)}"),
    };

    private static string Describe(Expr e) => e switch
    {
        NameExpr n => $"'{n.Name}'",
        AttributeExpr a => $"'{a.Name}'",
        _ => "expression",
    };
}
