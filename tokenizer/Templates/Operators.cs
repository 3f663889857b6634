using System.Text;

namespace Lens.Tokenization.Templates;

/// <summary>Python's binary operators on template values.</summary>
internal static class Operators
{
    public static object? Binary(string op, object? a, object? b)
    {
        switch (op)
        {
            case "==": return PyValues.Equals(a, b);
            case "!=": return !PyValues.Equals(a, b);
            case "<": return PyValues.Compare(Defined(a), Defined(b)) < 0;
            case ">": return PyValues.Compare(Defined(a), Defined(b)) > 0;
            case "<=": return PyValues.Compare(Defined(a), Defined(b)) <= 0;
            case ">=": return PyValues.Compare(Defined(a), Defined(b)) >= 0;
            case "in": return Contains(b, a);
            case "not in": return !Contains(b, a);
            case "~": return PyValues.ToStr(a) + PyValues.ToStr(b);
        }
        a = Defined(a);
        b = Defined(b);
        switch (op)
        {
            case "+":
                if (a is string sa && b is string sb) return sa + sb;
                if (a is List<object?> la && b is List<object?> lb) return la.Concat(lb).ToList();
                return Arithmetic(op, a, b);
            case "*":
                if (a is string s && b is long n) return Repeat(s, n);
                if (a is long n2 && b is string s2) return Repeat(s2, n2);
                if (a is List<object?> list && b is long times) return Enumerable.Repeat(list, (int)Math.Max(0, times)).SelectMany(x => x).ToList();
                return Arithmetic(op, a, b);
            default:
                return Arithmetic(op, a, b);
        }
    }

    private static object? Defined(object? v) =>
        v is Undefined u ? throw new InvalidOperationException($"'{u.Name}' is undefined") : v;

    private static string Repeat(string s, long n) => n <= 0 ? "" : new StringBuilder(s.Length * (int)n).Insert(0, s, (int)n).ToString();

    private static object Arithmetic(string op, object? a, object? b)
    {
        if (!PyValues.IsNumber(a) || !PyValues.IsNumber(b))
            throw new InvalidOperationException($"unsupported operand types for {op}: {PyValues.TypeName(a)} and {PyValues.TypeName(b)}");
        if (a is not double && b is not double && op != "/")
        {
            var x = (long)PyValues.ToDouble(a);
            var y = (long)PyValues.ToDouble(b);
            return op switch
            {
                "+" => (object)(x + y),
                "-" => x - y,
                "*" => x * y,
                "//" => y == 0 ? throw new InvalidOperationException("integer division by zero") : FloorDiv(x, y),
                "%" => y == 0 ? throw new InvalidOperationException("integer modulo by zero") : x - FloorDiv(x, y) * y,
                "**" => y >= 0 ? (object)(long)Math.Pow(x, y) : Math.Pow(x, y),
                _ => throw new InvalidOperationException($"unknown operator {op}"),
            };
        }
        var p = PyValues.ToDouble(a);
        var q = PyValues.ToDouble(b);
        return op switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => q == 0 ? throw new InvalidOperationException("division by zero") : p / q,
            "//" => Math.Floor(p / q),
            "%" => p - Math.Floor(p / q) * q,
            "**" => Math.Pow(p, q),
            _ => throw new InvalidOperationException($"unknown operator {op}"),
        };
    }

    private static long FloorDiv(long x, long y)
    {
        var q = x / y;
        return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s => item is string sub ? s.Contains(sub, StringComparison.Ordinal) : throw new InvalidOperationException($"'in <string>' requires string as left operand, not {PyValues.TypeName(item)}"),
        List<object?> l => l.Any(x => PyValues.Equals(x, item)),
        Dictionary<string, object?> d => item is string k && d.ContainsKey(k),
        Undefined u => throw new InvalidOperationException($"'{u.Name}' is undefined"),
        _ => throw new InvalidOperationException($"argument of type {PyValues.TypeName(container)} is not iterable"),
    };
}
