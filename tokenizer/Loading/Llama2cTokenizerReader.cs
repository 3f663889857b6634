using Lens.Tokenization.AddedTokens;
using Lens.Tokenization.Decoders;
using Lens.Tokenization.Models;
using Lens.Tokenization.Normalizers;
using Lens.Tokenization.PostProcessors;
using Lens.Tokenization.Text;

namespace Lens.Tokenization.Loading;

/// <summary>
/// llama2.c's tokenizer.bin: int32 max_token_length, then per token float32 score, int32 byte length and the
/// UTF-8 bytes; the token count is whatever fills the file. Encoding follows run.c (a leading space when the
/// text is not empty, BOS id 1 in front, no special-token matching); decoding follows the equivalent
/// tokenizer.json (▁ → space, byte fallback, one leading space dropped).
/// </summary>
internal static class Llama2cTokenizerReader
{
    public const int BosId = 1, EosId = 2;

    public static TokenizerPipeline Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 4) throw new InvalidDataException($"{path}: llama2.c tokenizer is truncated (no max_token_length header)");
        var maxLength = BitConverter.ToInt32(data, 0);
        if (maxLength <= 0 || maxLength > 1 << 16) throw new InvalidDataException($"{path}: max_token_length {maxLength} is not plausible; not a llama2.c tokenizer.bin");
        var pieces = new List<string>();
        var scores = new List<float>();
        var at = 4;
        while (at < data.Length)
        {
            if (at + 8 > data.Length) throw new InvalidDataException($"{path}: truncated at byte {at} (token {pieces.Count} has no score/length)");
            var score = BitConverter.ToSingle(data, at);
            var length = BitConverter.ToInt32(data, at + 4);
            at += 8;
            if (length < 0 || length > maxLength + 16 || at + length > data.Length)
                throw new InvalidDataException($"{path}: token {pieces.Count} claims {length} bytes at byte {at - 4}, beyond max_token_length {maxLength} or the end of the file");
            pieces.Add(System.Text.Encoding.UTF8.GetString(data, at, length));
            scores.Add(score);
            at += length;
        }
        if (pieces.Count <= EosId) throw new InvalidDataException($"{path}: only {pieces.Count} tokens; llama2.c needs at least <unk>, <s>, </s>");

        return new TokenizerPipeline
        {
            Added = new AddedVocabulary([], null),
            Model = new Llama2cModel(pieces.ToArray(), scores.ToArray()),
            Normalizer = new PrependNormalizer(" "),
            PostProcessor = new TemplateProcessor([[BosId], null]),
            Decoder = new SequenceDecoder([
                new ReplaceDecoder(TextPattern.Literal("\u2581"), " "), new ByteFallbackDecoder(), new FuseDecoder(), new StripDecoder(' ', 1, 0),
            ]),
            ExtraSpecialIds = new HashSet<int> { 0, BosId, EosId },
        };
    }
}
