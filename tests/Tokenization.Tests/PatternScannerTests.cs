using System.Text;
using Lens.Tokenization.Text;

namespace Lens.Tokenization.Tests;

/// <summary>The hand-written split scanners return exactly the regular expressions' matches.</summary>
public sealed class PatternScannerTests
{
    private const string Cl100k3 = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
    private const string Cl100k1 = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static TheoryData<string> Patterns => new(PatternScanner.Gpt2, Cl100k3, Cl100k1);

    private static IEnumerable<string> Texts()
    {
        foreach (var name in SharedFixtures.TokenizerNames)
            foreach (var c in SharedFixtures.Lines(Path.Combine(SharedFixtures.TokenizerFolder(name), "cases.jsonl")))
                yield return c["text"]!.GetValue<string>();
        string[] alphabet = ["a", "Z", "é", "ſ", "K", "'", "'s", "'S", "'re", "'LL", "'ve", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00A0", "\u0085", "\u2028", "\u3000",
            "1", "٣", "²", "Ⅻ", "!", "?", ".", "-", "_", "😀", "𝔘", "𠀀", "\u0301", "\uFEFF", "\u200D", "中", "ß", "\uD800", "x"];
        var random = new Random(99);
        for (var n = 0; n < 3000; n++)
        {
            var sb = new StringBuilder();
            for (var k = random.Next(1, 14); k > 0; k--) sb.Append(alphabet[random.Next(alphabet.Length)]);
            yield return sb.ToString();
        }
    }

    [Theory, MemberData(nameof(Patterns))]
    public void ScannerMatchesTheRegularExpression(string pattern)
    {
        var regex = new CodePointRegex(pattern);
        Assert.True(regex.HasScanner);
        var expected = new List<(int, int)>();
        var actual = new List<(int, int)>();
        // .NET's (?i) does not fold 'ſ' to 's' as Oniguruma and Python do; the scanner folds it (see below).
        foreach (var text in Texts().Where(t => !t.Contains('\u017F')))
        {
            regex.RegexMatches(text, expected);
            regex.Matches(text, actual);
            Assert.True(expected.SequenceEqual(actual),
                $"{System.Text.Json.JsonSerializer.Serialize(text)}: regex [{string.Join(" ", expected)}] scanner [{string.Join(" ", actual)}]");
        }
    }

    [Fact]
    public void CaseInsensitiveContractionsFoldLongS()
    {
        var regex = new CodePointRegex(Cl100k3);
        var matches = new List<(int, int)>();
        regex.Matches("it'\u017F", matches);
        Assert.Equal([(0, 2), (2, 2)], matches);
    }
}
