using System.Text;

namespace Lens.Tokenization.Templates;

/// <summary>Executes the statement tree; expressions go to <see cref="ExpressionEvaluator"/>.</summary>
internal sealed class TemplateRenderer
{
    private enum Flow { Normal, Break, Continue }

    private readonly ExpressionEvaluator _evaluator;

    public TemplateRenderer() => _evaluator = new ExpressionEvaluator(this);

    public string Render(IReadOnlyList<Node> nodes, Scope scope)
    {
        var output = new StringBuilder();
        Run(nodes, scope, output);
        return output.ToString();
    }

    private Flow Run(IReadOnlyList<Node> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            var flow = Run(node, scope, output);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private object? Eval(Expr e, Scope scope) => _evaluator.Evaluate(e, scope);

    private Flow Run(Node node, Scope scope, StringBuilder output)
    {
        switch (node)
        {
            case TextNode t:
                output.Append(t.Text);
                return Flow.Normal;
            case OutputNode o:
                output.Append(PyValues.ToStr(Eval(o.Value, scope)));
                return Flow.Normal;
            case IfNode i:
                foreach (var (condition, body) in i.Branches)
                    if (PyValues.Truthy(Eval(condition, scope))) return Run(body, scope, output);
                return i.Else is null ? Flow.Normal : Run(i.Else, scope, output);
            case ForNode f:
                RunFor(f, scope, output);
                return Flow.Normal;
            case SetNode s:
                RunSet(s, scope);
                return Flow.Normal;
            case SetBlockNode b:
                scope.Set(b.Target, Render(b.Body, scope));
                return Flow.Normal;
            case MacroNode m:
                scope.Set(m.Name, Macro(m, scope));
                return Flow.Normal;
            case FilterBlockNode fb:
                var args = fb.Args.Select(a => Eval(a, scope)).ToList();
                output.Append(PyValues.ToStr(_evaluator.ApplyFilter(fb.Filter, Render(fb.Body, scope), args, [], fb.Line)));
                return Flow.Normal;
            case GenerationNode g:
                return Run(g.Body, scope, output);
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw TemplateException.At(node.Line, $"cannot render {node.GetType().Name}");
        }
    }

    private void RunFor(ForNode f, Scope scope, StringBuilder output)
    {
        List<object?> items;
        try { items = PyValues.Iterate(Eval(f.Iterable, scope)); }
        catch (InvalidOperationException e) when (e is not TemplateException) { throw TemplateException.At(f.Line, e.Message); }
        if (f.Filter is not null)
            items = items.Where(item =>
            {
                var probe = new Scope(scope);
                Bind(f.Targets, item, probe, f.Line);
                return PyValues.Truthy(Eval(f.Filter, probe));
            }).ToList();
        if (items.Count == 0)
        {
            if (f.Else is not null) Run(f.Else, scope, output);
            return;
        }
        var loop = new LoopContext(items);
        for (var i = 0; i < items.Count; i++)
        {
            loop.Index0 = i;
            var iteration = new Scope(scope);
            Bind(f.Targets, items[i], iteration, f.Line);
            iteration.Set("loop", loop);
            if (Run(f.Body, iteration, output) == Flow.Break) break;
        }
    }

    private static void Bind(IReadOnlyList<string> targets, object? value, Scope scope, int line)
    {
        if (targets.Count == 1) { scope.Set(targets[0], value); return; }
        if (value is not List<object?> parts || parts.Count != targets.Count)
            throw TemplateException.At(line, $"cannot unpack {PyValues.TypeName(value)} into {targets.Count} names");
        for (var i = 0; i < targets.Count; i++) scope.Set(targets[i], parts[i]);
    }

    private void RunSet(SetNode s, Scope scope)
    {
        var value = Eval(s.Value, scope);
        if (s.Attribute is null) { Bind(s.Targets, value, scope, s.Line); return; }
        if (scope.Lookup(s.Targets[0]) is not Namespace ns)
            throw TemplateException.At(s.Line, $"cannot set attribute '{s.Attribute}' on '{s.Targets[0]}', which is not a namespace()");
        ns.Attributes[s.Attribute] = value;
    }

    private TemplateFunction Macro(MacroNode m, Scope defining) => new(m.Name, (args, kwargs) =>
    {
        var scope = new Scope(defining);
        if (args.Count > m.Parameters.Count) throw TemplateException.At(m.Line, $"macro '{m.Name}' takes {m.Parameters.Count} arguments, got {args.Count}");
        for (var i = 0; i < m.Parameters.Count; i++)
        {
            var (name, fallback) = m.Parameters[i];
            object? value = i < args.Count ? args[i]
                : kwargs.TryGetValue(name, out var k) ? k
                : fallback is not null ? Eval(fallback, scope) : new Undefined(name);
            scope.Set(name, value);
        }
        return Render(m.Body, scope);
    });
}
