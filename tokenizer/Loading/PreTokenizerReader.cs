using System.Text.Json;
using Lens.Tokenization.PreTokenizers;

namespace Lens.Tokenization.Loading;

internal static class PreTokenizerReader
{
    public static IPreTokenizer? Read(JsonFields f, JsonElement? element, string path)
    {
        if (element is not { } e) return null;
        var type = PatternReader.TypeOf(f, e, path);
        return type switch
        {
            "ByteLevel" => new ByteLevelPreTokenizer(f.Bool(e, "add_prefix_space", path, true), f.Bool(e, "use_regex", path, true)),
            "Split" => new SplitPreTokenizer(PatternReader.Read(f, e, path), Behavior(f, e, path, "behavior"), f.Bool(e, "invert", path, false)),
            "Metaspace" => new MetaspacePreTokenizer(Replacement(f, e, path), Scheme(f, e, path), f.Bool(e, "split", path, true)),
            "Sequence" => Sequence(f, e, path),
            "Whitespace" => CharClassPreTokenizer.Whitespace(),
            "WhitespaceSplit" => CharClassPreTokenizer.WhitespaceSplit(),
            "Digits" => CharClassPreTokenizer.Digits(f.Bool(e, "individual_digits", path, false)),
            "Punctuation" => CharClassPreTokenizer.Punctuation(JsonFields.Optional(e, "behavior") is null ? SplitBehavior.Isolated : Behavior(f, e, path, "behavior")),
            _ => throw new NotSupportedException($"{f.File}: {path} type '{type}' is not supported (supported: ByteLevel, Split, Metaspace, Sequence, Whitespace, WhitespaceSplit, Digits, Punctuation)"),
        };
    }

    private static IPreTokenizer Sequence(JsonFields f, JsonElement e, string path)
    {
        var steps = f.Array(e, "pretokenizers", path).EnumerateArray().ToArray();
        var parts = steps.Select((p, i) => Read(f, p, $"{path}.pretokenizers[{i}]")!).ToArray();
        // Llama 3 / Qwen: a split regex, then bytes. One pass gives the same pieces with fewer copies.
        if (steps.Length == 2 && PatternReader.TypeOf(f, steps[0], path) == "Split" && PatternReader.TypeOf(f, steps[1], path) == "ByteLevel"
            && Behavior(f, steps[0], path, "behavior") == SplitBehavior.Isolated && !f.Bool(steps[0], "invert", path, false)
            && !f.Bool(steps[1], "add_prefix_space", path, true) && !f.Bool(steps[1], "use_regex", path, true))
            return ByteLevelPreTokenizer.Fused(PatternReader.Read(f, steps[0], path));
        return new SequencePreTokenizer(parts);
    }

    private static SplitBehavior Behavior(JsonFields f, JsonElement e, string path, string name)
    {
        var value = f.String(e, name, path);
        return Enum.TryParse<SplitBehavior>(value, ignoreCase: false, out var b) && Enum.IsDefined(b) ? b
            : throw new NotSupportedException($"{f.File}: {path}.{name} '{value}' is not a split behaviour (Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous)");
    }

    internal static char Replacement(JsonFields f, JsonElement e, string path)
    {
        var s = f.OptionalString(e, "replacement", path) ?? "\u2581";
        return s.Length == 1 ? s[0] : throw f.Invalid(path + ".replacement", $"must be one character, found '{s}'");
    }

    // Older files say add_prefix_space instead of prepend_scheme.
    internal static PrependScheme Scheme(JsonFields f, JsonElement e, string path)
    {
        if (f.OptionalString(e, "prepend_scheme", path) is { } s)
            return s switch
            {
                "always" => PrependScheme.Always,
                "first" => PrependScheme.First,
                "never" => PrependScheme.Never,
                _ => throw new NotSupportedException($"{f.File}: {path}.prepend_scheme '{s}' is not supported (always, first, never)"),
            };
        return f.Bool(e, "add_prefix_space", path, true) ? PrependScheme.Always : PrependScheme.Never;
    }
}
