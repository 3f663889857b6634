using System.Text.Json;
using Lens.Tokenization.PostProcessors;

namespace Lens.Tokenization.Loading;

internal static class PostProcessorReader
{
    public static IPostProcessor? Read(JsonFields f, JsonElement? element, string path)
    {
        if (element is not { } e) return null;
        var type = PatternReader.TypeOf(f, e, path);
        return type switch
        {
            "TemplateProcessing" => Template(f, e, path),
            "ByteLevel" => new PassThroughProcessor(),
            "Sequence" => new SequenceProcessor(f.Array(e, "processors", path).EnumerateArray()
                .Select((p, i) => Read(f, p, $"{path}.processors[{i}]")!).ToArray()),
            "RobertaProcessing" or "BertProcessing" => new TemplateProcessor([[SpecialId(f, e, "cls", path)], null, [SpecialId(f, e, "sep", path)]]),
            _ => throw new NotSupportedException($"{f.File}: {path} type '{type}' is not supported (supported: TemplateProcessing, ByteLevel, Sequence, RobertaProcessing, BertProcessing)"),
        };
    }

    private static int SpecialId(JsonFields f, JsonElement e, string name, string path)
    {
        var pair = f.Array(e, name, path);
        return pair.GetArrayLength() == 2 ? f.AsInt(pair[1], $"{path}.{name}[1]") : throw f.Invalid($"{path}.{name}", "must be [token, id]");
    }

    private static TemplateProcessor Template(JsonFields f, JsonElement e, string path)
    {
        var specials = JsonFields.Optional(e, "special_tokens");
        var items = new List<int[]?>();
        var single = f.Array(e, "single", path);
        var i = 0;
        foreach (var item in single.EnumerateArray())
        {
            var where = $"{path}.single[{i++}]";
            if (JsonFields.Optional(item, "Sequence") is not null) { items.Add(null); continue; }
            var special = f.Required(item, "SpecialToken", where);
            var name = f.String(special, "id", where + ".SpecialToken");
            if (specials is not { } map || JsonFields.Optional(map, name) is not { } entry)
                throw f.Invalid(where, $"names special token '{name}', which {path}.special_tokens does not define");
            items.Add(f.Array(entry, "ids", $"{path}.special_tokens.{name}").EnumerateArray()
                .Select((id, k) => f.AsInt(id, $"{path}.special_tokens.{name}.ids[{k}]")).ToArray());
        }
        return new TemplateProcessor(items);
    }
}
