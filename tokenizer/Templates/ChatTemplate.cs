using System.Text.Json.Nodes;
using Lens.Tokenization.Templates;

namespace Lens.Tokenization;

/// <summary>
/// A Hugging Face chat template (Jinja2) rendered as transformers' apply_chat_template does: trim_blocks,
/// lstrip_blocks, loop controls, tojson without ASCII escaping, raise_exception, and the tokenizer's special-token
/// strings (bos_token, eos_token, …) as variables. Syntax outside the supported subset is refused with its line.
/// </summary>
public sealed class ChatTemplate
{
    private readonly Lazy<IReadOnlyList<Node>> _tree;
    private readonly IReadOnlyDictionary<string, string> _tokenStrings;
    private readonly IReadOnlyList<string> _additionalSpecialTokens;

    public ChatTemplate(string source, IReadOnlyDictionary<string, string>? tokenStrings = null, IReadOnlyList<string>? additionalSpecialTokens = null)
    {
        Source = source;
        _tokenStrings = tokenStrings ?? new Dictionary<string, string>();
        _additionalSpecialTokens = additionalSpecialTokens ?? [];
        _tree = new Lazy<IReadOnlyList<Node>>(() => TemplateParser.Parse(source));
    }

    /// <summary>The Jinja source.</summary>
    public string Source { get; }

    /// <summary>Clock for strftime_now (tests set a fixed one).</summary>
    public Func<DateTime> Clock { get; init; } = () => DateTime.Now;

    /// <summary>Parses the template now; throws <see cref="TemplateException"/> or <see cref="TemplateSyntaxNotSupportedException"/>.</summary>
    public void Validate() => _ = _tree.Value;

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var list = messages.Select(m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["role"] = m.Role, ["content"] = m.Content }).ToList();
        return Render(list, addGenerationPrompt, null);
    }

    /// <summary>
    /// Renders messages given as JSON (so tool calls, reasoning_content, multimodal content lists pass through) with
    /// optional extra variables such as <c>tools</c> or <c>enable_thinking</c>.
    /// </summary>
    public string Render(JsonArray messages, bool addGenerationPrompt, JsonObject? variables = null)
    {
        var extra = variables?.ToDictionary(p => p.Key, p => JsonValues.FromJson(p.Value));
        return Render((List<object?>)JsonValues.FromJson(messages)!, addGenerationPrompt, extra);
    }

    private string Render(List<object?> messages, bool addGenerationPrompt, Dictionary<string, object?>? variables)
    {
        var globals = new Scope(null);
        TemplateGlobals.AddTo(globals, Clock);
        foreach (var (name, value) in _tokenStrings) globals.Set(name, value);
        globals.Set("additional_special_tokens", _additionalSpecialTokens.Select(t => (object?)t).ToList());
        globals.Set("tools", null);
        globals.Set("documents", null);
        globals.Set("messages", messages);
        globals.Set("add_generation_prompt", addGenerationPrompt);
        if (variables is not null) foreach (var (name, value) in variables) globals.Set(name, value);
        return new TemplateRenderer().Render(_tree.Value, new Scope(globals));
    }
}
