using System.Text.Json;
using Lens.Tokenization.Models;

namespace Lens.Tokenization.Loading;

internal static class ModelReader
{
    public static BpeModel Read(JsonFields f, JsonElement root)
    {
        const string path = "model";
        var model = f.Required(root, "model", "");
        // Old files omit the type; tokenizers then recognises BPE by its merges.
        var type = f.OptionalString(model, "type", path) ?? (JsonFields.Optional(model, "merges") is not null ? "BPE" : "(none)");
        if (type != "BPE")
            throw new NotSupportedException($"{f.File}: model type '{type}' is not supported (supported: BPE)");
        if (JsonFields.Optional(model, "dropout") is { ValueKind: JsonValueKind.Number } dropout && dropout.GetDouble() is > 0 and < 1)
            throw new NotSupportedException($"{f.File}: model.dropout {dropout} is not supported (BPE dropout makes encoding random)");

        var vocabElement = f.Required(model, "vocab", path);
        if (vocabElement.ValueKind != JsonValueKind.Object) throw f.Invalid("model.vocab", $"must be an object of token → id, found {vocabElement.ValueKind}");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in vocabElement.EnumerateObject())
        {
            // The field path is only built for the error message.
            if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var id) || id < 0)
                throw f.Invalid($"model.vocab[\"{p.Name}\"]", $"must be a non-negative 32-bit integer id, found {p.Value}");
            vocab[p.Name] = id;
        }

        var merges = new List<(string, string)>();
        var index = 0;
        foreach (var m in f.Array(model, "merges", path).EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.String)
            {
                var s = m.GetString()!;
                var space = s.IndexOf(' ');
                if (space < 0 || s.IndexOf(' ', space + 1) >= 0) throw f.Invalid($"model.merges[{index}]", $"'{s}' must be two tokens separated by one space");
                merges.Add((s[..space], s[(space + 1)..]));
            }
            else if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2 && m[0].ValueKind == JsonValueKind.String && m[1].ValueKind == JsonValueKind.String)
                merges.Add((m[0].GetString()!, m[1].GetString()!));
            else throw f.Invalid($"model.merges[{index}]", "must be \"a b\" or [\"a\", \"b\"]");
            index++;
        }

        return new BpeModel(new BpeOptions(
            f.File, vocab, merges,
            f.OptionalString(model, "unk_token", path),
            f.Bool(model, "fuse_unk", path, false),
            f.Bool(model, "byte_fallback", path, false),
            f.OptionalString(model, "continuing_subword_prefix", path),
            f.OptionalString(model, "end_of_word_suffix", path),
            f.Bool(model, "ignore_merges", path, false)));
    }
}
