using Lens.Tokenization.Loading;
using Lens.Tokenization.Models;

namespace Lens.Tokenization.Tests;

/// <summary>Cutting SentencePiece-style text into words before BPE gives the same ids as merging it whole.</summary>
public sealed class WordBoundaryTests
{
    [Theory]
    [InlineData("mistral")]
    [InlineData("gemma3")]
    public void CutWordsMergeLikeTheWholeText(string name)
    {
        var folder = SharedFixtures.TokenizerFolder(name);
        var pipeline = TokenizerJsonReader.Read(Path.Combine(folder, "tokenizer.json"), TokenizerConfig.Empty);
        var model = Assert.IsType<BpeModel>(pipeline.Model);
        var texts = SharedFixtures.Lines(Path.Combine(folder, "cases.jsonl")).Select(c => c["text"]!.GetValue<string>()).ToList();
        var random = new Random(3);
        string[] parts = ["a", " ", "  ", "   ", "> </", ">", "</", "<", "x", "\n", "é", "🐍", "the", "▁"];
        for (var n = 0; n < 500; n++) texts.Add(string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => parts[random.Next(parts.Length)])));
        foreach (var text in texts)
        {
            var normalized = pipeline.Normalizer?.Normalize(text) ?? text;
            var cut = new List<int>();
            var whole = new List<int>();
            model.Tokenize(normalized, cut);
            model.TokenizeUncut(normalized, whole);
            Assert.True(whole.SequenceEqual(cut), $"{System.Text.Json.JsonSerializer.Serialize(text)}: whole [{string.Join(",", whole)}] cut [{string.Join(",", cut)}]");
        }
    }

    // Short words are merged by rescanning pair ranks, long ones with a heap; both must pick the same merges.
    [Theory]
    [InlineData("gpt2")]
    [InlineData("qwen3")]
    public void ShortWordScanMergesLikeTheHeap(string name)
    {
        var folder = SharedFixtures.TokenizerFolder(name);
        var pipeline = TokenizerJsonReader.Read(Path.Combine(folder, "tokenizer.json"), TokenizerConfig.Empty);
        var model = Assert.IsType<BpeModel>(pipeline.Model);
        var random = new Random(11);
        var pieces = new List<Text.Piece>();
        var text = string.Concat(SharedFixtures.Lines(Path.Combine(folder, "cases.jsonl")).Select(c => c["text"]!.GetValue<string>()));
        pipeline.PreTokenizer!.PreTokenize(new Text.Piece(text, true), pieces);
        var words = pieces.Select(p => p.Text).ToList();
        for (var n = 0; n < 2000; n++)
            words.Add(new string(Enumerable.Range(0, random.Next(2, 30)).Select(_ => "aeinrstlhoĠ.ĊÃ©"[random.Next(15)]).ToArray()));
        foreach (var word in words)
        {
            var scan = new List<int>();
            var heap = new List<int>();
            model.Tokenize(word, scan);
            model.TokenizeUncut(word, heap);
            Assert.True(heap.SequenceEqual(scan), $"{word}: heap [{string.Join(",", heap)}] scan [{string.Join(",", scan)}]");
        }
    }
}
