using Lens.Tests;
using System.Text.Json.Nodes;

namespace Lens.Analyses.Tests;

public sealed class TextCodecTests
{
    [Fact]
    public void ModelFolderWithoutATokenizerHasNoCodec() =>
        Assert.Null(TextCodecs.Open(Path.Combine(TestPaths.Fixtures, "gpt2")));

    [Fact]
    public void RawPromptIsEncodedWithBosWhenThereIsNoChatTemplate()
    {
        var codec = TextCodecs.Open(TestPaths.Stories260KHf)!;
        Assert.Null(codec.RenderUserTurn("Hi"));
        var ids = PromptRendering.Encode(codec, "Once upon a time");
        Assert.Equal(1, ids[0]);
        Assert.Equal(" Once", codec.TokenText(ids[1]));
        Assert.Equal("Once upon a time", codec.Decode(ids));
    }

    [Fact]
    public void ChatTemplatePromptIsRenderedAndNotGivenASecondBos()
    {
        // stories260K's tokenizer with a small Llama-2-style template added.
        var dir = TestPaths.TempFolder("chat");
        File.Copy(Path.Combine(TestPaths.Stories260KHf, "tokenizer.json"), Path.Combine(dir, "tokenizer.json"));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Stories260KHf, "tokenizer_config.json")))!.AsObject();
        config["chat_template"] = "{{ bos_token }}{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}{% if add_generation_prompt %}[assistant]{% endif %}";
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), config.ToJsonString());

        var codec = TextCodecs.Open(dir)!;
        Assert.Equal("<s>[user] Tell a story\n[assistant]", codec.RenderUserTurn("Tell a story"));
        var ids = PromptRendering.Encode(codec, "Tell a story");
        Assert.Equal(1, ids[0]);
        Assert.NotEqual(1, ids[1]);
        Assert.Equal(codec.Encode("<s>[user] Tell a story\n[assistant]", addSpecialTokens: false), ids);
    }
}
