
namespace Lens.Tokenization.Tests;

/// <summary>Every line of chat.jsonl: the template renders byte-identically and tokenizes to the golden ids.</summary>
public sealed class ChatTemplateGoldenTests
{
    public static TheoryData<string> Names => new(SharedFixtures.ChatTokenizerNames);

    [Theory, MemberData(nameof(Names))]
    public void RendersEveryConversationExactly(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        Assert.NotNull(tokenizer.ChatTemplate);
        var lines = SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(name), "chat.jsonl")).ToList();
        Assert.NotEmpty(lines);
        foreach (var c in lines)
        {
            var messages = c["messages"]!.AsArray();
            var addGenerationPrompt = c["add_generation_prompt"]!.GetValue<bool>();
            var rendered = tokenizer.ChatTemplate!.Render(messages, addGenerationPrompt);
            Assert.Equal(c["rendered"]!.GetValue<string>(), rendered);
            Assert.Equal(SharedFixtures.Ints(c["ids"]), tokenizer.Encode(rendered, addSpecialTokens: false));
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void ChatMessageRecordsRenderLikeJsonMessages(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        foreach (var c in SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(name), "chat.jsonl")))
        {
            var records = c["messages"]!.AsArray().Select(m => new ChatMessage(m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>())).ToList();
            Assert.Equal(c["rendered"]!.GetValue<string>(), tokenizer.ChatTemplate!.Render(records, c["add_generation_prompt"]!.GetValue<bool>()));
        }
    }

    [Fact]
    public void GemmaTemplateRaisesItsOwnErrorWhenRolesDoNotAlternate()
    {
        var template = SharedFixtures.Tokenizer("gemma3").ChatTemplate!;
        var e = Assert.Throws<TemplateRaisedException>(() =>
            template.Render([new ChatMessage("user", "a"), new ChatMessage("user", "b")], addGenerationPrompt: true));
        Assert.Contains("Conversation roles must alternate", e.Message);
    }
}
