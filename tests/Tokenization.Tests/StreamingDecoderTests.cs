using System.Text;
using System.Text.Json;

namespace Lens.Tokenization.Tests;

/// <summary>
/// Feeding ids one by one never releases part of a character, and all released text joined equals the full decode,
/// on every golden case of every tokenizer (both skipSpecialTokens settings) and on seeded random id sequences.
/// </summary>
public sealed class StreamingDecoderTests
{
    public static TheoryData<string> Names => new(SharedFixtures.TokenizerNames);

    private static string Stream(Tokenizer tokenizer, int[] ids, bool skipSpecial, List<string> chunks)
    {
        var decoder = tokenizer.CreateStreamingDecoder(skipSpecial);
        foreach (var id in ids) chunks.Add(decoder.Push(id));
        chunks.Add(decoder.Flush());
        return string.Concat(chunks);
    }

    private static int Replacements(string s) => s.Count(c => c == '\uFFFD');

    [Theory, MemberData(nameof(Names))]
    public void StreamsEveryGoldenCaseExactly(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        var failures = new StringBuilder();
        foreach (var c in SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(name), "cases.jsonl")))
        {
            var ids = SharedFixtures.Ints(c["ids"]);
            foreach (var skip in new[] { false, true })
            {
                var chunks = new List<string>();
                var streamed = Stream(tokenizer, ids, skip, chunks);
                var full = tokenizer.Decode(ids, skip);
                if (streamed != full) failures.AppendLine($"[{string.Join(",", ids)}] skip={skip}: streamed {JsonSerializer.Serialize(streamed)} full {JsonSerializer.Serialize(full)}");
                if (Replacements(streamed) != Replacements(full) || chunks.Any(ch => ch.Length > 0 && char.IsHighSurrogate(ch[^1])))
                    failures.AppendLine($"[{string.Join(",", ids)}]: a chunk ended inside a character: {JsonSerializer.Serialize(chunks)}");
            }
        }
        Assert.True(failures.Length == 0, $"{name}:\n{failures}");
    }

    [Theory, MemberData(nameof(Names))]
    public void HoldsBackIncompleteCharacters(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        // A 4-byte emoji is several byte-level or byte-fallback tokens in every fixture tokenizer but gemma3.
        var ids = tokenizer.Encode("a 🐍𒀀 b", addSpecialTokens: false);
        var decoder = tokenizer.CreateStreamingDecoder();
        var chunks = ids.Select(decoder.Push).ToList();
        chunks.Add(decoder.Flush());
        Assert.All(chunks, ch => Assert.DoesNotContain('\uFFFD', ch));
        Assert.Equal(tokenizer.Decode(ids), string.Concat(chunks));
        Assert.Contains(chunks, ch => ch.Contains("🐍", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Names))]
    public void StreamsRandomIdSequencesLikeFullDecoding(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        var random = new Random(1234);
        for (var run = 0; run < 100; run++)
        {
            var ids = Enumerable.Range(0, 24).Select(_ => random.Next(tokenizer.VocabularySize)).ToArray();
            var streamed = Stream(tokenizer, ids, skipSpecial: false, []);
            Assert.Equal(tokenizer.Decode(ids), streamed);
        }
    }

    [Fact]
    public void StreamsTheLlama2cTokenizer()
    {
        var tokenizer = SharedFixtures.Load(SharedFixtures.Path2("models", "stories260K-llama2c", "tok512.bin"));
        var ids = tokenizer.Encode("\"Come here!\" said Dad. 😀 Ben ran.");
        Assert.Equal(tokenizer.Decode(ids), Stream(tokenizer, ids, false, []));
    }
}
