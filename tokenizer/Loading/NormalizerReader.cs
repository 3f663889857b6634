using System.Text.Json;
using Lens.Tokenization.Normalizers;

namespace Lens.Tokenization.Loading;

internal static class NormalizerReader
{
    public static INormalizer? Read(JsonFields f, JsonElement? element, string path)
    {
        if (element is not { } e) return null;
        var type = PatternReader.TypeOf(f, e, path);
        return type switch
        {
            "NFC" => new UnicodeNormalizer(compatibility: false, compose: true),
            "NFD" => new UnicodeNormalizer(compatibility: false, compose: false),
            "NFKC" => new UnicodeNormalizer(compatibility: true, compose: true),
            "NFKD" => new UnicodeNormalizer(compatibility: true, compose: false),
            "Lowercase" => new LowercaseNormalizer(),
            "Strip" => new StripNormalizer(f.Bool(e, "strip_left", path, true), f.Bool(e, "strip_right", path, true)),
            "Prepend" => new PrependNormalizer(f.String(e, "prepend", path)),
            "Replace" => new ReplaceNormalizer(PatternReader.Read(f, e, path), f.String(e, "content", path)),
            "Sequence" => new SequenceNormalizer(f.Array(e, "normalizers", path).EnumerateArray()
                .Select((n, i) => Read(f, n, $"{path}.normalizers[{i}]")!).ToArray()),
            _ => throw new NotSupportedException($"{f.File}: {path} type '{type}' is not supported (supported: NFC, NFD, NFKC, NFKD, Lowercase, Strip, Prepend, Replace, Sequence)"),
        };
    }
}
