using System.Text.Json.Nodes;

namespace Lens.Tokenization.Tests;

/// <summary>
/// Fixtures/jinja_cases.json: template programs rendered by Python jinja2 3.1.6 configured as transformers
/// configures it (see Fixtures/jinja_cases.py). Each must render identically, or raise the same message.
/// </summary>
public sealed class JinjaConformanceTests
{
    private static readonly Lazy<JsonArray> s_cases = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "jinja_cases.json")))!.AsArray());

    public static TheoryData<string> CaseNames => new(s_cases.Value.Select(c => c!["name"]!.GetValue<string>()));

    private static readonly JsonArray s_defaultMessages = JsonNode.Parse("""
        [{"role": "user", "content": " Hello "}, {"role": "assistant", "content": "Hi!"}, {"role": "user", "content": "Bye"}]
        """)!.AsArray();

    [Theory, MemberData(nameof(CaseNames))]
    public void RendersLikeJinja2(string name)
    {
        var c = s_cases.Value.Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        var template = c["template_from"] is { } from
            ? SharedFixtures.Tokenizer(from.GetValue<string>()).ChatTemplate!
            : new ChatTemplate(c["template"]!.GetValue<string>());
        var messages = (c["messages"] ?? s_defaultMessages).DeepClone().AsArray();
        var variables = c["variables"]!.DeepClone().AsObject();
        if (c["error"] is { } error)
        {
            var e = Assert.Throws<TemplateRaisedException>(() => template.Render(messages, true, variables));
            Assert.Equal(error.GetValue<string>(), e.Message);
            return;
        }
        Assert.Equal(c["rendered"]!.GetValue<string>(), template.Render(messages, true, variables));
    }

    [Fact]
    public void UnsupportedTagIsRefusedWithItsLine()
    {
        var template = new ChatTemplate("line one\n{% if true %}\n{% include 'other.jinja' %}\n{% endif %}");
        var e = Assert.Throws<TemplateSyntaxNotSupportedException>(() => template.Render([], false));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("include", e.Message);
    }

    [Fact]
    public void UnknownFilterIsRefusedWithItsLine()
    {
        var template = new ChatTemplate("a\nb\n{{ messages | frobnicate }}");
        var e = Assert.Throws<TemplateSyntaxNotSupportedException>(() => template.Render([], false));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("frobnicate", e.Message);
    }

    [Fact]
    public void UnclosedBlockIsAnErrorNamingTheOpeningLine()
    {
        var template = new ChatTemplate("x\n{% for m in messages %}\n{{ m }}");
        var e = Assert.Throws<TemplateException>(() => template.Render([], false));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("endfor", e.Message);
    }

    [Fact]
    public void UsingAnUndefinedValueIsAnErrorNotAnEmptyPrompt()
    {
        var template = new ChatTemplate("{{ messages[0].content }}\n{{ missing.attribute }}");
        var e = Assert.Throws<TemplateException>(() => template.Render([new ChatMessage("user", "hi")], false));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("'missing' is undefined", e.Message);
    }
}
