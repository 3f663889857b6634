using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Tokenization.Tests;

/// <summary>
/// stories260K's tokenizer in both forms: the Hugging Face tokenizer.json and llama2.c's tok512.bin
/// (score-driven merges of run.c encode()).
/// </summary>
public sealed class Stories260KTests
{
    private static Tokenizer HuggingFace => SharedFixtures.Load(SharedFixtures.Path2("models", "stories260K-hf", "tokenizer.json"));
    private static Tokenizer Llama2c => SharedFixtures.Load(SharedFixtures.Path2("models", "stories260K-llama2c", "tok512.bin"));

    private static JsonArray Cases() =>
        JsonNode.Parse(File.ReadAllText(SharedFixtures.Path2("fixtures", "models", "stories260K", "tokenizer_cases.json")))!.AsArray();

    public static TheoryData<string> Goldens => new("golden.json", "golden_2.json");

    [Theory, MemberData(nameof(Goldens))]
    public void BothFormsEncodeTheGoldenPromptToItsInputIds(string file)
    {
        var golden = JsonNode.Parse(File.ReadAllText(SharedFixtures.Path2("fixtures", "models", "stories260K", file)))!;
        var prompt = golden["prompt_text"]!.GetValue<string>();
        var expected = SharedFixtures.Ints(golden["input_ids"]);
        Assert.Equal(expected, HuggingFace.Encode(prompt));
        Assert.Equal(expected, Llama2c.Encode(prompt));
    }

    [Fact]
    public void TokenizerJsonSemanticsMatchEveryCase()
    {
        var failures = new List<string>();
        foreach (var c in Cases())
        {
            var text = c!["text"]!.GetValue<string>();
            var expected = SharedFixtures.Ints(c["ids_tokenizer_json"]);
            var actual = HuggingFace.Encode(text);
            if (!expected.SequenceEqual(actual)) failures.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(",", expected)}] actual [{string.Join(",", actual)}]");
            var decoded = HuggingFace.Decode(expected, skipSpecialTokens: true);
            if (decoded != c["decoded_tokenizer_json"]!.GetValue<string>()) failures.Add($"decode {JsonSerializer.Serialize(text)}: got {JsonSerializer.Serialize(decoded)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Llama2cSemanticsMatchEveryCase()
    {
        var failures = new List<string>();
        var cases = Cases();
        Assert.Equal(38, cases.Count);
        foreach (var c in cases)
        {
            var text = c!["text"]!.GetValue<string>();
            var expected = SharedFixtures.Ints(c["ids_llama2c"]);
            var actual = Llama2c.Encode(text);
            if (!expected.SequenceEqual(actual)) failures.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(",", expected)}] actual [{string.Join(",", actual)}]");
            // Where both agree on ids, the llama2.c tokenizer decodes like tokenizer.json too.
            if (c["same"]!.GetValue<bool>() && Llama2c.Decode(expected, skipSpecialTokens: true) != c["decoded_tokenizer_json"]!.GetValue<string>())
                failures.Add($"llama2.c decode of {JsonSerializer.Serialize(text)} differs");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Llama2cVocabularyLooksLikeTheTokenizerJsonOne()
    {
        Assert.Equal(512, Llama2c.VocabularySize);
        Assert.Equal(HuggingFace.VocabularySize, Llama2c.VocabularySize);
        for (var id = 0; id < 512; id++) Assert.Equal(HuggingFace.TokenText(id), Llama2c.TokenText(id));
        Assert.Equal(1, Llama2c.BosTokenId);
        Assert.Equal([2], Llama2c.EosTokenIds);
        Assert.Equal(1, HuggingFace.BosTokenId);
        Assert.Equal([2], HuggingFace.EosTokenIds);
    }
}
