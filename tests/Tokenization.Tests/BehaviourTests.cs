using System.Diagnostics;

namespace Lens.Tokenization.Tests;

/// <summary>Display text, special-token facts from tokenizer_config.json, and no quadratic blow-up on long words.</summary>
public sealed class BehaviourTests
{
    [Fact]
    public void TokenDisplayDecodesOneTokenOnItsOwn()
    {
        var gpt2 = SharedFixtures.Tokenizer("gpt2");
        Assert.Equal(" world", gpt2.TokenDisplay(gpt2.TokenId("Ġworld")!.Value));
        Assert.Equal("Ġworld", gpt2.TokenText(gpt2.TokenId("Ġworld")!.Value));
        var mistral = SharedFixtures.Tokenizer("mistral");
        Assert.Equal(" the", mistral.TokenDisplay(272));
        Assert.Equal("\uFFFD", mistral.TokenDisplay(mistral.TokenId("<0xF0>")!.Value));
        Assert.Equal("\n", mistral.TokenDisplay(mistral.TokenId("<0x0A>")!.Value));
    }

    [Fact]
    public void SpecialTokensComeFromTheConfig()
    {
        var llama3 = SharedFixtures.Tokenizer("llama3");
        Assert.Equal(128000, llama3.BosTokenId);
        Assert.Equal([128009], llama3.EosTokenIds);
        var qwen = SharedFixtures.Tokenizer("qwen3");
        Assert.Null(qwen.BosTokenId);
        Assert.Equal([151645], qwen.EosTokenIds);
        Assert.Equal(151669, qwen.VocabularySize);
        Assert.True(qwen.IsSpecialToken(151644));
        Assert.False(qwen.IsSpecialToken(qwen.TokenId("<think>")!.Value));
        var gemma = SharedFixtures.Tokenizer("gemma3");
        Assert.Equal(2, gemma.BosTokenId);
        Assert.Equal(gemma.TokenId("<end_of_turn>"), gemma.EosTokenIds[0]);
    }

    [Fact]
    public void SkippingSpecialTokensDropsOnlySpecialOnes()
    {
        var qwen = SharedFixtures.Tokenizer("qwen3");
        var ids = qwen.Encode("<|im_start|>user\n<think>hi</think><|im_end|>");
        Assert.Equal("user\n<think>hi</think>", qwen.Decode(ids, skipSpecialTokens: true));
    }

    public static TheoryData<string> Names => new(SharedFixtures.TokenizerNames);

    // Sanity bound only (the benchmark command reports speed): a 100 kB word without spaces must not be quadratic.
    [Theory, MemberData(nameof(Names))]
    public void HundredKilobyteWordIsNotQuadratic(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        var random = new Random(7);
        var word = string.Concat(Enumerable.Range(0, 100_000).Select(_ => (char)('a' + random.Next(26))));
        tokenizer.Encode("warm up");
        var clock = Stopwatch.StartNew();
        var ids = tokenizer.Encode(word, addSpecialTokens: false);
        clock.Stop();
        Assert.Equal(word, tokenizer.Decode(ids).TrimStart());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{name}: 100 kB word took {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void HundredKilobyteWordIsNotQuadraticForLlama2c()
    {
        var tokenizer = SharedFixtures.Load(SharedFixtures.Path2("models", "stories260K-llama2c", "tok512.bin"));
        var word = new string('a', 50_000) + new string('b', 50_000);
        var clock = Stopwatch.StartNew();
        var ids = tokenizer.Encode(word);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(word, tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void ConcurrentEncodingGivesTheSameIdsAsSequential()
    {
        var texts = SharedFixtures.TokenizerNames.SelectMany(n => SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(n), "cases.jsonl")))
            .Select(c => c["text"]!.GetValue<string>()).Distinct().ToArray();
        foreach (var name in new[] { "llama3", "mistral" })
        {
            var tokenizer = SharedFixtures.Tokenizer(name);
            var fresh = Tokenizer.Load(SharedFixtures.TokenizerFolder(name)); // empty caches, so threads race to fill them
            var expected = texts.Select(t => tokenizer.Encode(t)).ToArray();
            var actual = new int[texts.Length][];
            Parallel.For(0, texts.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i % texts.Length] = fresh.Encode(texts[i % texts.Length]));
            for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], actual[i]);
        }
    }
}
