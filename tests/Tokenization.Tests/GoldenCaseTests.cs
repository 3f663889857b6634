using System.Text;
using System.Text.Json;

namespace Lens.Tokenization.Tests;

/// <summary>Every line of ../shared/fixtures/tokenizers/*/cases.jsonl: ids, tokens, decoded and raw decoded text.</summary>
public sealed class GoldenCaseTests
{
    public static TheoryData<string> Names => new(SharedFixtures.TokenizerNames);

    [Theory, MemberData(nameof(Names))]
    public void EncodesEveryCaseToTheGoldenIdsAndTokens(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        var failures = new StringBuilder();
        var count = 0;
        foreach (var c in SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(name), "cases.jsonl")))
        {
            count++;
            var text = c["text"]!.GetValue<string>();
            var add = c["add_special_tokens"]!.GetValue<bool>();
            var expected = SharedFixtures.Ints(c["ids"]);
            var actual = tokenizer.Encode(text, add);
            if (!expected.SequenceEqual(actual))
            {
                failures.AppendLine($"{JsonSerializer.Serialize(text)} (add_special_tokens={add}):\n  expected [{string.Join(",", expected)}]\n  actual   [{string.Join(",", actual)}]");
                continue;
            }
            var tokens = SharedFixtures.Strings(c["tokens"]);
            var actualTokens = actual.Select(tokenizer.TokenText).ToArray();
            if (!tokens.SequenceEqual(actualTokens))
                failures.AppendLine($"{JsonSerializer.Serialize(text)}: tokens expected {JsonSerializer.Serialize(tokens)} actual {JsonSerializer.Serialize(actualTokens)}");
        }
        Assert.True(count > 80, $"{name}: only {count} cases read");
        Assert.True(failures.Length == 0, $"{name}:\n{failures}");
    }

    [Theory, MemberData(nameof(Names))]
    public void DecodesEveryCaseToTheGoldenText(string name)
    {
        var tokenizer = SharedFixtures.Tokenizer(name);
        var failures = new StringBuilder();
        foreach (var c in SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(name), "cases.jsonl")))
        {
            var ids = SharedFixtures.Ints(c["ids"]);
            var decoded = c["decoded"]!.GetValue<string>();
            var raw = c["decoded_raw"]?.GetValue<string>() ?? decoded;
            var actual = tokenizer.Decode(ids);
            var actualRaw = tokenizer.DecodeRaw(ids);
            if (actual != decoded) failures.AppendLine($"decode [{string.Join(",", ids)}]: expected {JsonSerializer.Serialize(decoded)} actual {JsonSerializer.Serialize(actual)}");
            if (actualRaw != raw) failures.AppendLine($"raw decode [{string.Join(",", ids)}]: expected {JsonSerializer.Serialize(raw)} actual {JsonSerializer.Serialize(actualRaw)}");
        }
        Assert.True(failures.Length == 0, $"{name}:\n{failures}");
    }
}
