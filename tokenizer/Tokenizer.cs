using Lens.Tokenization.Decoders;
using Lens.Tokenization.Loading;

namespace Lens.Tokenization;

/// <summary>
/// A text ↔ token-id codec read from a Hugging Face <c>tokenizer.json</c> (with its tokenizer_config.json) or
/// a llama2.c <c>tokenizer.bin</c>, giving the same ids and text as Hugging Face tokenizers / transformers.
/// Thread-safe for concurrent use.
/// </summary>
public sealed class Tokenizer
{
    private readonly TokenizerPipeline _pipeline;
    private readonly bool _cleanUpSpaces;

    private Tokenizer(TokenizerPipeline pipeline, TokenizerConfig config, string source, int? bosFallback, int? eosFallback)
    {
        _pipeline = pipeline;
        _cleanUpSpaces = config.CleanUpTokenizationSpaces;
        Source = source;
        BosTokenId = (config.BosToken is { } bos ? pipeline.TokenId(bos) : null) ?? bosFallback;
        var eos = new List<int>();
        if (config.EosToken is { } e && pipeline.TokenId(e) is { } eosId) eos.Add(eosId);
        else if (eosFallback is { } fallback) eos.Add(fallback);
        foreach (var id in config.GenerationEosIds) if (!eos.Contains(id)) eos.Add(id);
        EosTokenIds = eos;
        if (config.ChatTemplate is { } template)
            ChatTemplate = new ChatTemplate(template, config.TokenStrings, config.AdditionalSpecialTokens);
    }

    /// <summary>
    /// Loads a tokenizer.json (tokenizer_config.json, generation_config.json and chat_template.jinja are read from
    /// the same folder), a folder holding one, or a llama2.c tokenizer.bin.
    /// </summary>
    public static Tokenizer Load(string path)
    {
        if (Directory.Exists(path))
        {
            var json = Path.Combine(path, "tokenizer.json");
            var bin = Path.Combine(path, "tokenizer.bin");
            if (File.Exists(json)) return LoadJson(json);
            if (File.Exists(bin)) return LoadLlama2c(bin);
            throw new FileNotFoundException($"no tokenizer in folder {path} (looked for tokenizer.json and tokenizer.bin)");
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"tokenizer file {path} does not exist", path);
        return LooksLikeJson(path) ? LoadJson(path) : LoadLlama2c(path);
    }

    private static bool LooksLikeJson(string path)
    {
        using var stream = File.OpenRead(path);
        for (var b = stream.ReadByte(); b >= 0; b = stream.ReadByte())
            if (!char.IsWhiteSpace((char)b) && b is not (0xEF or 0xBB or 0xBF)) // whitespace and a UTF-8 byte order mark
                return b == '{' || b == '[' || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private static Tokenizer LoadJson(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = TokenizerConfig.Read(Path.Combine(folder, "tokenizer_config.json"), Path.Combine(folder, "generation_config.json"), Path.Combine(folder, "chat_template.jinja"));
        var pipeline = TokenizerJsonReader.Read(path, config);
        var leading = pipeline.PostProcessor?.Leading;
        return new Tokenizer(pipeline, config, path, leading is { Count: > 0 } ? leading[0] : null, null);
    }

    private static Tokenizer LoadLlama2c(string path) =>
        new(Llama2cTokenizerReader.Read(path), TokenizerConfig.Empty, path, Llama2cTokenizerReader.BosId, Llama2cTokenizerReader.EosId);

    /// <summary>The file this tokenizer was read from.</summary>
    public string Source { get; }

    /// <summary>Number of ids (model vocabulary and added tokens; one past the largest id).</summary>
    public int VocabularySize => _pipeline.VocabularySize;

    public int? BosTokenId { get; }

    public IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>The chat template from tokenizer_config.json (or chat_template.jinja), if the tokenizer has one.</summary>
    public ChatTemplate? ChatTemplate { get; }

    /// <summary>Encodes text. <paramref name="addSpecialTokens"/> runs the post-processor (BOS for Llama-style tokenizers);
    /// added tokens written in the text (e.g. "&lt;|im_start|&gt;") are always recognised.</summary>
    public int[] Encode(string text, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _pipeline.Encode(text, addSpecialTokens);
    }

    /// <summary>Decodes ids as transformers does: the decoder pipeline, then clean_up_tokenization_spaces when configured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        var text = DecodeRaw(ids, skipSpecialTokens);
        return _cleanUpSpaces ? CleanUpTokenization.Apply(text) : text;
    }

    /// <summary>The tokenizer.json decoder pipeline alone (Hugging Face tokenizers' decode), without transformers' clean-up.</summary>
    public string DecodeRaw(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        foreach (var id in ids) CheckId(id);
        return _pipeline.Decode(ids, skipSpecialTokens);
    }

    /// <summary>The vocabulary string of an id ("Ġworld", "▁the", "&lt;0xF0&gt;", "&lt;|eot_id|&gt;").</summary>
    public string TokenText(int id)
    {
        CheckId(id);
        return _pipeline.TokenText(id)!;
    }

    /// <summary>Text for showing one token on its own: its bytes decoded lossily ("Ġworld" → " world", "&lt;0xF0&gt;" → "�").</summary>
    public string TokenDisplay(int id)
    {
        CheckId(id);
        return _pipeline.Decode([id], skipSpecialTokens: false, display: true);
    }

    /// <summary>The id of a vocabulary string, or null.</summary>
    public int? TokenId(string token) => _pipeline.TokenId(token);

    public bool IsSpecialToken(int id) => _pipeline.IsSpecial(id);

    /// <summary>A decoder for ids arriving one at a time (generation); see <see cref="StreamingDecoder"/>.</summary>
    public StreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = false) =>
        new(ids => DecodeRaw(ids, skipSpecialTokens), _cleanUpSpaces);

    private void CheckId(int id)
    {
        if (_pipeline.TokenText(id) is null)
            throw new ArgumentOutOfRangeException(nameof(id), $"token id {id} is not in the vocabulary of {Source} (ids 0..{VocabularySize - 1})");
    }
}
