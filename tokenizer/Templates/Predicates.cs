namespace Lens.Tokenization.Templates;

/// <summary>Jinja tests (<c>x is defined</c>, <c>x is string</c>, <c>n is divisibleby(3)</c>).</summary>
internal static class Predicates
{
    public static bool Test(string name, object? v, List<object?> args, int line)
    {
        object? Arg(int i) => i < args.Count ? args[i] : throw TemplateException.At(line, $"test '{name}' needs an argument");
        return name switch
        {
            "defined" => v is not Undefined,
            "undefined" => v is Undefined,
            "none" => v is null,
            "boolean" => v is bool,
            "true" => v is true,
            "false" => v is false,
            "string" => v is string,
            "number" => v is long or double,
            "integer" => v is long,
            "float" => v is double,
            "mapping" => v is Dictionary<string, object?> or Namespace,
            "iterable" => v is string or List<object?> or Dictionary<string, object?>,
            "sequence" => v is string or List<object?> or Dictionary<string, object?>,
            "callable" => v is TemplateFunction,
            "even" => v is long e && e % 2 == 0,
            "odd" => v is long o && o % 2 != 0,
            "divisibleby" => v is long n && Arg(0) is long d && d != 0 && n % d == 0,
            "eq" or "equalto" or "==" => PyValues.Equals(v, Arg(0)),
            "ne" or "!=" => !PyValues.Equals(v, Arg(0)),
            "lt" or "lessthan" or "<" => PyValues.Compare(v, Arg(0)) < 0,
            "le" or "<=" => PyValues.Compare(v, Arg(0)) <= 0,
            "gt" or "greaterthan" or ">" => PyValues.Compare(v, Arg(0)) > 0,
            "ge" or ">=" => PyValues.Compare(v, Arg(0)) >= 0,
            "in" => Operators.Contains(Arg(0), v),
            "sameas" => ReferenceEquals(v, Arg(0)) || (v is null && Arg(0) is null) || (v is bool a && Arg(0) is bool b && a == b),
            "lower" => v is string l && l == l.ToLowerInvariant(),
            "upper" => v is string u && u == u.ToUpperInvariant(),
            _ => throw new TemplateSyntaxNotSupportedException($"chat template line {line}: the test '{name}' is not supported"),
        };
    }
}
