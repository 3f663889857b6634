using System.Text.Json;
using Lens.Tokenization.Text;

namespace Lens.Tokenization.Loading;

internal static class PatternReader
{
    /// <summary>Reads <c>{"String": "..."}</c> or <c>{"Regex": "..."}</c>.</summary>
    public static TextPattern Read(JsonFields f, JsonElement obj, string path)
    {
        var p = f.Required(obj, "pattern", path);
        var where = JsonFields.Join(path, "pattern");
        if (JsonFields.Optional(p, "String") is { } s) return TextPattern.Literal(f.AsString(s, where + ".String"));
        if (JsonFields.Optional(p, "Regex") is { } r)
        {
            var source = f.AsString(r, where + ".Regex");
            try { return TextPattern.Regex(source); }
            catch (ArgumentException e) { throw f.Invalid(where + ".Regex", $"is not a regular expression this reader supports ({e.Message})"); }
        }
        throw f.Invalid(where, "must hold \"String\" or \"Regex\"");
    }

    public static string TypeOf(JsonFields f, JsonElement obj, string path) => f.String(obj, "type", path);
}
