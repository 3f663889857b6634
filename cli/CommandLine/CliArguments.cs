using System.Globalization;

namespace Lens.Cli.CommandLine;

/// <summary>
/// Parsed <c>--name value</c> / <c>--flag</c> options of one command. Every accessor names the option in its error,
/// and <see cref="EnsureAllUsed"/> rejects options the command did not read (a typo must not be silently ignored).
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CliArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
                throw new CliUsageException($"unexpected argument '{token}': options are written --name value");
            var name = token[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < args.Count && !IsOptionName(args[i + 1])) value = args[++i];
            if (!_options.TryAdd(name, value))
                throw new CliUsageException($"option --{name} is given twice");
        }
    }

    // A negative number is a value, not an option name.
    private static bool IsOptionName(string s) => s.StartsWith("--", StringComparison.Ordinal) && s.Length > 2 && !char.IsDigit(s[2]);

    public bool Has(string name) { _used.Add(name); return _options.ContainsKey(name); }

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value)) return false;
        if (value is not null) throw new CliUsageException($"--{name} is a flag and takes no value (got '{value}')");
        return true;
    }

    public string? Optional(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value)) return null;
        return value ?? throw new CliUsageException($"--{name} needs a value");
    }

    public string Required(string name) =>
        Optional(name) ?? throw new CliUsageException($"missing required option --{name}");

    public int Int(string name, int fallback) => Optional(name) is { } s ? ParseInt(name, s) : fallback;

    public double Double(string name, double fallback)
    {
        if (Optional(name) is not { } s) return fallback;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new CliUsageException($"--{name} must be a number, got '{s}'");
    }

    /// <summary>A comma-separated list of integers such as <c>--ids 1,2,3</c>.</summary>
    public int[]? IntList(string name) =>
        Optional(name) is { } s ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => ParseInt(name, x)).ToArray() : null;

    public string[]? List(string name) =>
        Optional(name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new CliUsageException($"unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}");
    }

    private static int ParseInt(string name, string s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw new CliUsageException($"--{name} must be an integer, got '{s}'");
}
