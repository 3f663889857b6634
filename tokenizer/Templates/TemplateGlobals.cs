using System.Globalization;
using System.Text;

namespace Lens.Tokenization.Templates;

/// <summary>The functions a chat template can call by name: Jinja's range/namespace/dict and transformers' raise_exception/strftime_now.</summary>
internal static class TemplateGlobals
{
    public static void AddTo(Scope scope, Func<DateTime> clock)
    {
        scope.Set("range", new TemplateFunction("range", (a, _) => Range(a)));
        scope.Set("namespace", new TemplateFunction("namespace", (a, k) =>
        {
            var ns = new Namespace();
            if (a.Count > 0 && a[0] is Dictionary<string, object?> initial) foreach (var (key, value) in initial) ns.Attributes[key] = value;
            foreach (var (key, value) in k) ns.Attributes[key] = value;
            return ns;
        }));
        scope.Set("dict", new TemplateFunction("dict", (_, k) => new Dictionary<string, object?>(k, StringComparer.Ordinal)));
        scope.Set("raise_exception", new TemplateFunction("raise_exception", (a, _) =>
            throw new TemplateRaisedException(a.Count > 0 ? PyValues.ToStr(a[0]) : "raise_exception() called by the chat template")));
        scope.Set("strftime_now", new TemplateFunction("strftime_now", (a, _) => Strftime(clock(), a.Count > 0 ? PyValues.ToStr(a[0]) : "%Y-%m-%d")));
    }

    private static List<object?> Range(List<object?> a)
    {
        long Int(int i) => a[i] as long? ?? throw new InvalidOperationException($"range() argument {i + 1} must be an integer, not {PyValues.TypeName(a[i])}");
        var (start, stop, step) = a.Count switch
        {
            1 => (0L, Int(0), 1L),
            2 => (Int(0), Int(1), 1L),
            3 => (Int(0), Int(1), Int(2)),
            _ => throw new InvalidOperationException($"range() takes 1 to 3 arguments, got {a.Count}"),
        };
        if (step == 0) throw new InvalidOperationException("range() step must not be zero");
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
            if (result.Count > 10_000_000) throw new InvalidOperationException("range() too large");
        }
        return result;
    }

    private static string Strftime(DateTime t, string format)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length) { sb.Append(format[i]); continue; }
            var f = format[++i];
            sb.Append(f switch
            {
                'Y' => t.ToString("yyyy", c),
                'y' => t.ToString("yy", c),
                'm' => t.ToString("MM", c),
                'd' => t.ToString("dd", c),
                'e' => t.Day.ToString(c).PadLeft(2),
                'B' => t.ToString("MMMM", c),
                'b' => t.ToString("MMM", c),
                'A' => t.ToString("dddd", c),
                'a' => t.ToString("ddd", c),
                'H' => t.ToString("HH", c),
                'I' => t.ToString("hh", c),
                'M' => t.ToString("mm", c),
                'S' => t.ToString("ss", c),
                'p' => t.Hour < 12 ? "AM" : "PM",
                'j' => t.DayOfYear.ToString("000", c),
                '%' => "%",
                _ => "%" + f,
            });
        }
        return sb.ToString();
    }
}
