namespace Lens.Tokenization.Templates;

/// <summary>Jinja's getattr/getitem: dict keys, list and string indexing and slicing, loop and namespace attributes, methods.</summary>
internal static class Members
{
    private static readonly HashSet<string> s_dictMethods = ["items", "keys", "values", "get"];

    public static object? Attribute(object? target, string name) => target switch
    {
        Undefined u => throw new InvalidOperationException($"'{u.Name}' is undefined (reading .{name})"),
        Dictionary<string, object?> d when s_dictMethods.Contains(name) => Methods.Bind(d, name),
        Dictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : new Undefined(name),
        string s => (object?)Methods.Bind(s, name) ?? new Undefined(name),
        LoopContext loop => loop.Attribute(name),
        Namespace ns => ns.Attributes.TryGetValue(name, out var v) ? v : new Undefined(name),
        _ => new Undefined(name),
    };

    public static object? Item(object? target, object? key)
    {
        switch (target)
        {
            case Undefined u:
                throw new InvalidOperationException($"'{u.Name}' is undefined (reading [{PyValues.Repr(key)}])");
            case List<object?> list when key is long or bool:
            {
                var i = Index(key, list.Count);
                return i >= 0 && i < list.Count ? list[(int)i] : new Undefined($"index {PyValues.Repr(key)}");
            }
            case string s when key is long or bool:
            {
                var chars = PyValues.Chars(s); // Python indexes code points
                var i = Index(key, chars.Count);
                return i >= 0 && i < chars.Count ? chars[(int)i] : new Undefined($"index {PyValues.Repr(key)}");
            }
            case Dictionary<string, object?> d when key is string k:
                return d.TryGetValue(k, out var v) ? v : new Undefined(k);
        }
        return key is string name ? Attribute(target, name) : new Undefined(PyValues.Repr(key));
    }

    private static long Index(object? key, int count)
    {
        var i = key is bool b ? (b ? 1 : 0) : (long)key!;
        return i < 0 ? i + count : i;
    }

    /// <summary>Python slicing <c>x[start:stop:step]</c> of a list or string.</summary>
    public static object? Slice(object? target, long? start, long? stop, long? step)
    {
        var items = target switch
        {
            List<object?> l => l,
            string s => PyValues.Chars(s),
            Undefined u => throw new InvalidOperationException($"'{u.Name}' is undefined"),
            _ => throw new InvalidOperationException($"{PyValues.TypeName(target)} cannot be sliced"),
        };
        var n = items.Count;
        var k = step ?? 1;
        if (k == 0) throw new InvalidOperationException("slice step cannot be zero");
        long Clamp(long? v, long fallback, long low, long high)
        {
            if (v is null) return fallback;
            var x = v.Value < 0 ? v.Value + n : v.Value;
            return Math.Clamp(x, low, high);
        }
        var result = new List<object?>();
        if (k > 0)
        {
            var from = Clamp(start, 0, 0, n);
            var to = Clamp(stop, n, 0, n);
            for (var i = from; i < to; i += k) result.Add(items[(int)i]);
        }
        else
        {
            var from = Clamp(start, n - 1, -1, n - 1);
            var to = Clamp(stop, -1, -1, n - 1);
            for (var i = from; i > to; i += k) result.Add(items[(int)i]);
        }
        return target is string ? string.Concat(result.Cast<string>()) : result;
    }
}
