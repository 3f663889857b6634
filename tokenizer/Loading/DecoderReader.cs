using System.Text.Json;
using Lens.Tokenization.Decoders;
using Lens.Tokenization.PreTokenizers;

namespace Lens.Tokenization.Loading;

internal static class DecoderReader
{
    public static IDecoder? Read(JsonFields f, JsonElement? element, string path)
    {
        if (element is not { } e) return null;
        var type = PatternReader.TypeOf(f, e, path);
        return type switch
        {
            "ByteLevel" => new ByteLevelDecoder(),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(StripContent(f, e, path), f.Int(e, "start", path), f.Int(e, "stop", path)),
            "Replace" => new ReplaceDecoder(PatternReader.Read(f, e, path), f.String(e, "content", path)),
            "Metaspace" => new MetaspaceDecoder(PreTokenizerReader.Replacement(f, e, path), PreTokenizerReader.Scheme(f, e, path) != PrependScheme.Never),
            "BPEDecoder" => new BpeSuffixDecoder(f.OptionalString(e, "suffix", path) ?? "</w>"),
            "Sequence" => new SequenceDecoder(f.Array(e, "decoders", path).EnumerateArray()
                .Select((d, i) => Read(f, d, $"{path}.decoders[{i}]")!).ToArray()),
            _ => throw new NotSupportedException($"{f.File}: {path} type '{type}' is not supported (supported: ByteLevel, ByteFallback, Fuse, Strip, Replace, Metaspace, BPEDecoder, Sequence)"),
        };
    }

    private static char StripContent(JsonFields f, JsonElement e, string path)
    {
        var s = f.String(e, "content", path);
        return s.Length == 1 ? s[0] : throw f.Invalid(path + ".content", $"must be one character, found '{s}'");
    }
}
