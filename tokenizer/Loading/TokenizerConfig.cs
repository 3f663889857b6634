using System.Text.Json;
using Lens.Tokenization.AddedTokens;

namespace Lens.Tokenization.Loading;

/// <summary>What transformers reads from tokenizer_config.json (and generation_config.json) beside tokenizer.json.</summary>
internal sealed class TokenizerConfig
{
    public string? BosToken { get; private init; }
    public string? EosToken { get; private init; }
    public bool? AddBosToken { get; private init; }
    public bool? AddEosToken { get; private init; }
    public bool CleanUpTokenizationSpaces { get; private init; }
    public string? TokenizerClass { get; private init; }
    public string? ChatTemplate { get; private init; }
    /// <summary>Every <c>*_token</c> string (bos_token, eos_token, pad_token, boi_token, …): chat template variables.</summary>
    public Dictionary<string, string> TokenStrings { get; } = new(StringComparer.Ordinal);
    public List<string> AdditionalSpecialTokens { get; } = [];
    public List<AddedToken> AddedTokens { get; } = [];
    public List<int> GenerationEosIds { get; } = [];

    public static TokenizerConfig Empty { get; } = new();

    public static TokenizerConfig Read(string? configPath, string? generationConfigPath, string? templatePath)
    {
        var config = configPath is not null && File.Exists(configPath) ? Parse(configPath) : new TokenizerConfig();
        if (templatePath is not null && File.Exists(templatePath)) config = config.WithTemplate(File.ReadAllText(templatePath));
        if (generationConfigPath is not null && File.Exists(generationConfigPath)) config.ReadGenerationConfig(generationConfigPath);
        return config;
    }

    private TokenizerConfig WithTemplate(string template)
    {
        var copy = new TokenizerConfig
        {
            BosToken = BosToken, EosToken = EosToken, AddBosToken = AddBosToken, AddEosToken = AddEosToken,
            CleanUpTokenizationSpaces = CleanUpTokenizationSpaces, TokenizerClass = TokenizerClass, ChatTemplate = template,
        };
        foreach (var (k, v) in TokenStrings) copy.TokenStrings[k] = v;
        copy.AdditionalSpecialTokens.AddRange(AdditionalSpecialTokens);
        copy.AddedTokens.AddRange(AddedTokens);
        return copy;
    }

    private static TokenizerConfig Parse(string path)
    {
        var f = new JsonFields(path);
        using var doc = JsonDocuments.Parse(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw f.Invalid("(root)", "must be a JSON object");
        var config = new TokenizerConfig
        {
            BosToken = TokenString(f, root, "bos_token"),
            EosToken = TokenString(f, root, "eos_token"),
            AddBosToken = JsonFields.Optional(root, "add_bos_token") is null ? null : f.Bool(root, "add_bos_token", "", false),
            AddEosToken = JsonFields.Optional(root, "add_eos_token") is null ? null : f.Bool(root, "add_eos_token", "", false),
            CleanUpTokenizationSpaces = f.Bool(root, "clean_up_tokenization_spaces", "", false),
            TokenizerClass = f.OptionalString(root, "tokenizer_class", ""),
            ChatTemplate = Template(f, root),
        };
        foreach (var p in root.EnumerateObject())
            if (p.Name.EndsWith("_token", StringComparison.Ordinal) && TokenString(f, root, p.Name) is { } s) config.TokenStrings[p.Name] = s;
        if (JsonFields.Optional(root, "additional_special_tokens") is { ValueKind: JsonValueKind.Array } extra)
            foreach (var t in extra.EnumerateArray())
                if (t.ValueKind == JsonValueKind.String) config.AdditionalSpecialTokens.Add(t.GetString()!);
                else if (JsonFields.Optional(t, "content") is { ValueKind: JsonValueKind.String } c) config.AdditionalSpecialTokens.Add(c.GetString()!);
        if (JsonFields.Optional(root, "added_tokens_decoder") is { ValueKind: JsonValueKind.Object } decoder)
            foreach (var p in decoder.EnumerateObject())
            {
                var where = $"added_tokens_decoder.{p.Name}";
                if (!int.TryParse(p.Name, out var id)) throw f.Invalid(where, "key must be a token id");
                config.AddedTokens.Add(new AddedToken(id, f.String(p.Value, "content", where), f.Bool(p.Value, "special", where, false),
                    f.Bool(p.Value, "normalized", where, true), f.Bool(p.Value, "lstrip", where, false), f.Bool(p.Value, "rstrip", where, false),
                    f.Bool(p.Value, "single_word", where, false)));
            }
        return config;
    }

    // A special token is written as "<s>" or as an AddedToken object {"content": "<s>", ...}.
    private static string? TokenString(JsonFields f, JsonElement root, string name) => JsonFields.Optional(root, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Object } o => f.OptionalString(o, "content", name),
        _ => null,
    };

    // chat_template is a string, or a list of {name, template} of which "default" is the one apply_chat_template uses.
    private static string? Template(JsonFields f, JsonElement root)
    {
        switch (JsonFields.Optional(root, "chat_template"))
        {
            case null: return null;
            case { ValueKind: JsonValueKind.String } s: return s.GetString();
            case { ValueKind: JsonValueKind.Array } list:
                foreach (var t in list.EnumerateArray())
                    if (f.OptionalString(t, "name", "chat_template[]") == "default") return f.String(t, "template", "chat_template[]");
                return null;
            case var other: throw f.Invalid("chat_template", $"must be a string or a list of named templates, found {other.Value.ValueKind}");
        }
    }

    private void ReadGenerationConfig(string path)
    {
        var f = new JsonFields(path);
        using var doc = JsonDocuments.Parse(path);
        switch (JsonFields.Optional(doc.RootElement, "eos_token_id"))
        {
            case { ValueKind: JsonValueKind.Number } n: GenerationEosIds.Add(f.AsInt(n, "eos_token_id")); break;
            case { ValueKind: JsonValueKind.Array } a:
                var i = 0;
                foreach (var n in a.EnumerateArray()) GenerationEosIds.Add(f.AsInt(n, $"eos_token_id[{i++}]"));
                break;
        }
    }
}
