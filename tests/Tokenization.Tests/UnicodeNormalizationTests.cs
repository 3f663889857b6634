using System.Text.Json.Nodes;
using Lens.Tokenization.Normalizers;

namespace Lens.Tokenization.Tests;

/// <summary>NFC/NFD/NFKC/NFKD against Python's unicodedata (Fixtures/unicode_normalization.json).</summary>
public sealed class UnicodeNormalizationTests
{
    [Theory]
    [InlineData("NFC", false, true)]
    [InlineData("NFD", false, false)]
    [InlineData("NFKC", true, true)]
    [InlineData("NFKD", true, false)]
    public void MatchesPythonUnicodedata(string form, bool compatibility, bool compose)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "unicode_normalization.json")))!;
        var normalizer = new UnicodeNormalizer(compatibility, compose);
        var cases = root["cases"]!.AsArray();
        Assert.True(cases.Count >= 400);
        foreach (var c in cases)
        {
            var text = c!["text"]!.GetValue<string>();
            Assert.Equal(c[form]!.GetValue<string>(), normalizer.Normalize(text));
        }
    }
}
