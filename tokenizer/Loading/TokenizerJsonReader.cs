using System.Text.Json;
using Lens.Tokenization.AddedTokens;
using Lens.Tokenization.PostProcessors;

namespace Lens.Tokenization.Loading;

/// <summary>Builds a <see cref="TokenizerPipeline"/> from a Hugging Face tokenizer.json and its tokenizer_config.json.</summary>
internal static class TokenizerJsonReader
{
    public static TokenizerPipeline Read(string path, TokenizerConfig config)
    {
        var f = new JsonFields(path);
        using var doc = JsonDocuments.Parse(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw f.Invalid("(root)", $"must be a JSON object, found {root.ValueKind}");

        var normalizer = NormalizerReader.Read(f, JsonFields.Optional(root, "normalizer"), "normalizer");
        var preTokenizer = PreTokenizerReader.Read(f, JsonFields.Optional(root, "pre_tokenizer"), "pre_tokenizer");
        var model = ModelReader.Read(f, root);
        var postProcessor = PostProcessorReader.Read(f, JsonFields.Optional(root, "post_processor"), "post_processor");
        var decoder = DecoderReader.Read(f, JsonFields.Optional(root, "decoder"), "decoder");

        var added = new List<AddedToken>();
        var index = 0;
        if (JsonFields.Optional(root, "added_tokens") is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array) throw f.Invalid("added_tokens", $"must be an array, found {list.ValueKind}");
            foreach (var t in list.EnumerateArray())
            {
                var where = $"added_tokens[{index++}]";
                added.Add(new AddedToken(f.Int(t, "id", where), f.String(t, "content", where), f.Bool(t, "special", where, false),
                    f.Bool(t, "normalized", where, true), f.Bool(t, "lstrip", where, false), f.Bool(t, "rstrip", where, false),
                    f.Bool(t, "single_word", where, false)));
            }
        }
        // transformers registers tokens from tokenizer_config.json's added_tokens_decoder that tokenizer.json lacks.
        var known = added.Select(t => t.Id).ToHashSet();
        added.AddRange(config.AddedTokens.Where(t => !known.Contains(t.Id)));
        var vocabulary = new AddedVocabulary(added, normalizer);

        return new TokenizerPipeline
        {
            Added = vocabulary, Model = model, Normalizer = normalizer, PreTokenizer = preTokenizer,
            PostProcessor = BosEosFromConfig(vocabulary, model, config) ?? postProcessor, Decoder = decoder,
        };
    }

    /// <summary>
    /// Llama and Gemma tokenizers in transformers rebuild the post-processor from add_bos_token/add_eos_token
    /// (LlamaTokenizerFast.update_post_processor); other classes keep tokenizer.json's.
    /// </summary>
    private static IPostProcessor? BosEosFromConfig(AddedVocabulary added, Models.ITokenModel model, TokenizerConfig config)
    {
        int? Id(string token) => added.ByContent(token)?.Id ?? model.TokenToId(token);
        if (config.TokenizerClass is not { } cls || !(cls.StartsWith("Llama", StringComparison.Ordinal) || cls.StartsWith("CodeLlama", StringComparison.Ordinal) || cls.StartsWith("Gemma", StringComparison.Ordinal)))
            return null;
        if (config.AddBosToken is null && config.AddEosToken is null) return null;
        var items = new List<int[]?>();
        if (config.AddBosToken ?? true)
        {
            if (config.BosToken is null || Id(config.BosToken) is not { } bos) return null;
            items.Add([bos]);
        }
        items.Add(null);
        if (config.AddEosToken ?? false)
        {
            if (config.EosToken is null || Id(config.EosToken) is not { } eos) return null;
            items.Add([eos]);
        }
        return new TemplateProcessor(items);
    }
}
