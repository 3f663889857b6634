using System.Globalization;
using System.Text;

namespace Lens.Tokenization.Templates;

/// <summary>The Jinja filters chat templates use, with transformers' tojson (ensure_ascii=False, no HTML escaping).</summary>
internal static class Filters
{
    public static object? Apply(string name, object? v, List<object?> args, Dictionary<string, object?> kwargs, int line)
    {
        object? Arg(int i, string key, object? fallback = null) => i < args.Count ? args[i] : kwargs.TryGetValue(key, out var k) ? k : fallback;
        switch (name)
        {
            case "trim": return Methods.Strip(Str(v), Arg(0, "chars"), true, true);
            case "length" or "count": return PyValues.Length(v);
            case "tojson":
                return JsonValues.Dumps(v, Arg(0, "indent") is long indent ? (int)indent : null, PyValues.Truthy(Arg(1, "sort_keys", false)));
            case "upper": return Str(v).ToUpperInvariant();
            case "lower": return Str(v).ToLowerInvariant();
            case "capitalize": return Str(v) is var c && c.Length > 0 ? char.ToUpperInvariant(c[0]) + c[1..].ToLowerInvariant() : "";
            case "title": return Methods.Title(Str(v));
            case "default" or "d":
                var useIfFalsy = PyValues.Truthy(Arg(1, "boolean", false));
                return v is Undefined || (useIfFalsy && !PyValues.Truthy(v)) ? Arg(0, "default_value", "") : v;
            case "string": return PyValues.ToStr(v);
            case "safe": return v;
            case "e" or "escape": return Escape(PyValues.ToStr(v));
            case "int": return ToInt(v, Arg(0, "default", 0L));
            case "float": return ToFloat(v, Arg(0, "default", 0.0));
            case "abs": return v is long l ? (object)Math.Abs(l) : Math.Abs(PyValues.ToDouble(v));
            case "round": return Round(v, Arg(0, "precision", 0L), Arg(1, "method", "common"));
            case "first": return PyValues.Iterate(v) is { Count: > 0 } f ? f[0] : new Undefined("first");
            case "last": return PyValues.Iterate(v) is { Count: > 0 } la ? la[^1] : new Undefined("last");
            case "list": return PyValues.Iterate(v).ToList();
            case "reverse": return v is string rs ? new string(rs.Reverse().ToArray()) : Enumerable.Reverse(PyValues.Iterate(v)).ToList();
            case "unique": return Unique(PyValues.Iterate(v));
            case "sort":
                var sorted = PyValues.Iterate(v).ToList();
                var attribute = Arg(2, "attribute") as string;
                sorted.Sort((a, b) => PyValues.Compare(attribute is null ? a : Members.Attribute(a, attribute), attribute is null ? b : Members.Attribute(b, attribute)));
                if (PyValues.Truthy(Arg(0, "reverse", false))) sorted.Reverse();
                return sorted;
            case "join":
                var sep = PyValues.ToStr(Arg(0, "d", ""));
                var joinAttribute = Arg(1, "attribute") as string;
                return string.Join(sep, PyValues.Iterate(v).Select(x => PyValues.ToStr(joinAttribute is null ? x : Members.Attribute(x, joinAttribute))));
            case "replace":
                var count = Arg(2, "count") is long n ? n : -1;
                return Methods.Bind(Str(v), "replace")!.Invoke([Arg(0, "old"), Arg(1, "new"), count], []);
            case "items":
                return v is Dictionary<string, object?> d ? Methods.Bind(d, "items").Invoke([], []) : v is Undefined ? new List<object?>() : throw new InvalidOperationException($"items filter needs a dict, not {PyValues.TypeName(v)}");
            case "dictsort":
                return v is Dictionary<string, object?> ds
                    ? ds.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList()
                    : throw new InvalidOperationException($"dictsort needs a dict, not {PyValues.TypeName(v)}");
            case "map":
                if (kwargs.TryGetValue("attribute", out var mapAttribute))
                    return PyValues.Iterate(v).Select(x => Members.Attribute(x, PyValues.ToStr(mapAttribute)) is Undefined && kwargs.TryGetValue("default", out var dflt) ? dflt : Members.Attribute(x, PyValues.ToStr(mapAttribute))).ToList();
                if (args.Count > 0 && args[0] is string filter)
                    return PyValues.Iterate(v).Select(x => Apply(filter, x, args.Skip(1).ToList(), [], line)).ToList();
                throw new InvalidOperationException("map needs a filter name or attribute=");
            case "select" or "reject":
                return PyValues.Iterate(v).Where(x => Select(x, args, 0, line) == (name == "select")).ToList();
            case "selectattr" or "rejectattr":
                var attr = PyValues.ToStr(Arg(0, "attribute"));
                return PyValues.Iterate(v).Where(x => Select(Members.Attribute(x, attr), args, 1, line) == (name == "selectattr")).ToList();
            case "sum":
                var sumAttribute = Arg(0, "attribute") as string;
                return PyValues.Iterate(v).Aggregate(Arg(1, "start", 0L), (acc, x) => Operators.Binary("+", acc, sumAttribute is null ? x : Members.Attribute(x, sumAttribute)));
            case "min" or "max":
                var values = PyValues.Iterate(v);
                if (values.Count == 0) return new Undefined(name);
                return values.Aggregate((a, b) => (PyValues.Compare(a, b) <= 0) == (name == "min") ? a : b);
            case "indent":
                return Indent(Str(v), Arg(0, "width", 4L), PyValues.Truthy(Arg(1, "first", false)), PyValues.Truthy(Arg(2, "blank", false)));
            case "wordcount": return (long)Str(v).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            case "center":
                var width = (int)(Arg(0, "width", 80L) as long? ?? 80);
                var str = Str(v);
                var total = Math.Max(0, width - str.Length);
                return new string(' ', total / 2) + str + new string(' ', total - total / 2);
            default:
                throw new TemplateSyntaxNotSupportedException($"chat template line {line}: the filter '{name}' is not supported");
        }
    }

    private static string Str(object? v) => v switch
    {
        string s => s,
        Undefined => "",
        _ => PyValues.ToStr(v),
    };

    // markupsafe's escape, which the escape filter uses even with autoescaping off.
    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal).Replace("\"", "&#34;", StringComparison.Ordinal);

    private static bool Select(object? value, List<object?> args, int testIndex, int line)
    {
        if (args.Count <= testIndex) return PyValues.Truthy(value);
        return Predicates.Test(PyValues.ToStr(args[testIndex]), value, args.Skip(testIndex + 1).ToList(), line);
    }

    private static List<object?> Unique(List<object?> items)
    {
        var result = new List<object?>();
        foreach (var x in items) if (!result.Any(r => PyValues.Equals(r, x))) result.Add(x);
        return result;
    }

    private static object? ToInt(object? v, object? fallback) => v switch
    {
        long l => l,
        bool b => b ? 1L : 0L,
        double d => (long)Math.Truncate(d),
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (long)Math.Truncate(d),
        _ => fallback,
    };

    private static object? ToFloat(object? v, object? fallback) => v switch
    {
        long or double or bool => PyValues.ToDouble(v),
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => fallback,
    };

    private static object Round(object? v, object? precision, object? method)
    {
        var digits = (int)(precision as long? ?? 0);
        var x = PyValues.ToDouble(v);
        var scale = Math.Pow(10, digits);
        return PyValues.ToStr(method) switch
        {
            "floor" => Math.Floor(x * scale) / scale,
            "ceil" => Math.Ceiling(x * scale) / scale,
            _ => Math.Round(x, digits, MidpointRounding.AwayFromZero),
        };
    }

    private static string Indent(string s, object? width, bool first, bool blank)
    {
        var pad = width is string w ? w : new string(' ', (int)(width as long? ?? 4));
        var lines = s.Split('\n');
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) sb.Append('\n');
            var indentThis = (i > 0 || first) && (blank || lines[i].Length > 0);
            if (indentThis) sb.Append(pad);
            sb.Append(lines[i]);
        }
        return sb.ToString();
    }
}
