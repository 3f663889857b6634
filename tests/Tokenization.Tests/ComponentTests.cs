using Lens.Tokenization.PreTokenizers;
using Lens.Tokenization.Text;

namespace Lens.Tokenization.Tests;

/// <summary>
/// Pipeline pieces the five fixture tokenizers do not exercise, on tiny tokenizer.json files, checked against the
/// behaviour documented for Hugging Face tokenizers (split behaviours, Metaspace, unknown tokens, added-token flags).
/// </summary>
public sealed class ComponentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lens-tok-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Tokenizer Build(string body, string? config = null)
    {
        var folder = Directory.CreateTempSubdirectory("case-").FullName;
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), "{" + body + "}");
        if (config is not null) File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config);
        try { return Tokenizer.Load(folder); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    // The example of tokenizers' SplitDelimiterBehavior documentation.
    [Theory]
    [InlineData("Removed", "the|final|countdown")]
    [InlineData("Isolated", "the|-|final|-|-|countdown")]
    [InlineData("MergedWithPrevious", "the-|final-|-|countdown")]
    [InlineData("MergedWithNext", "the|-final|-|-countdown")]
    [InlineData("Contiguous", "the|-|final|--|countdown")]
    public void SplitBehavioursFollowTheDocumentedExample(string behavior, string expected)
    {
        var output = new List<Piece>();
        new SplitPreTokenizer(TextPattern.Literal("-"), Enum.Parse<SplitBehavior>(behavior), invert: false).PreTokenize(new Piece("the-final--countdown", true), output);
        Assert.Equal(expected, string.Join("|", output.Select(p => p.Text)));
    }

    private const string MetaspaceModel = """
        "model": {"type": "BPE", "vocab": {"<s>": 0, "▁": 1, "H": 2, "i": 3, "Hi": 4, "▁Hi": 5}, "merges": ["H i", "▁ Hi"]},
        "added_tokens": [{"id": 0, "content": "<s>", "special": true, "normalized": false, "lstrip": false, "rstrip": false, "single_word": false}],
        "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": true}
        """;

    [Fact]
    public void MetaspaceFirstPrependsOnlyAtTheStartOfTheInput()
    {
        var tokenizer = Build("\"pre_tokenizer\": {\"type\": \"Metaspace\", \"replacement\": \"▁\", \"prepend_scheme\": \"first\", \"split\": true}, " + MetaspaceModel);
        Assert.Equal([5, 5], tokenizer.Encode("Hi Hi"));
        Assert.Equal([0, 4, 5], tokenizer.Encode("<s>Hi Hi"));
        Assert.Equal("Hi Hi", tokenizer.Decode([5, 5]));
        Assert.Equal("<s>Hi Hi", tokenizer.Decode([0, 4, 5]));
    }

    [Fact]
    public void MetaspaceAlwaysPrependsAfterAddedTokensToo()
    {
        var tokenizer = Build("\"pre_tokenizer\": {\"type\": \"Metaspace\", \"replacement\": \"▁\", \"add_prefix_space\": true}, " + MetaspaceModel);
        Assert.Equal([0, 5, 5], tokenizer.Encode("<s>Hi Hi"));
    }

    [Theory]
    [InlineData(true, new[] { 1, 0, 1 })]
    [InlineData(false, new[] { 1, 0, 0, 0, 1 })]
    public void UnknownCharactersBecomeTheUnknownTokenFusedOrNot(bool fuse, int[] expected)
    {
        var tokenizer = Build($$"""
            "model": {"type": "BPE", "vocab": {"<unk>": 0, "a": 1}, "merges": [], "unk_token": "<unk>", "fuse_unk": {{(fuse ? "true" : "false")}}}
            """);
        Assert.Equal(expected, tokenizer.Encode("axyza"));
    }

    [Theory]
    [InlineData(false, false, false, "a <mask> b", new[] { 0, 1, 3, 1, 2 })]
    [InlineData(true, false, false, "a <mask> b", new[] { 0, 3, 1, 2 })]
    [InlineData(false, true, false, "a <mask> b", new[] { 0, 1, 3, 2 })]
    [InlineData(false, false, true, "a<mask> b", new[] { 0, 4, 5, 0, 6, 7, 8, 1, 2 })]
    [InlineData(false, false, true, "a <mask> b", new[] { 0, 1, 3, 1, 2 })]
    public void AddedTokenFlagsStripSpacesAndRequireWholeWords(bool lstrip, bool rstrip, bool singleWord, string text, int[] expected)
    {
        var tokenizer = Build($$"""
            "model": {"type": "BPE", "vocab": {"a": 0, " ": 1, "b": 2, "<mask>": 3, "<": 4, "m": 5, "s": 6, "k": 7, ">": 8}, "merges": []},
            "added_tokens": [{"id": 3, "content": "<mask>", "special": true, "normalized": false,
              "lstrip": {{B(lstrip)}}, "rstrip": {{B(rstrip)}}, "single_word": {{B(singleWord)}}}]
            """);
        // With single_word, "<mask>" glued to "a" is not a word of its own and falls back to its characters.
        Assert.Equal(expected, tokenizer.Encode(text));
    }

    private static string B(bool b) => b ? "true" : "false";

    [Fact]
    public void LlamaConfigAddsEosWhenAsked()
    {
        var tokenizer = Build("""
            "model": {"type": "BPE", "vocab": {"<s>": 0, "</s>": 1, "a": 2}, "merges": []},
            "added_tokens": [{"id": 0, "content": "<s>", "special": true, "normalized": false},
                             {"id": 1, "content": "</s>", "special": true, "normalized": false}],
            "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
              "special_tokens": {"<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]}}}
            """, """{"tokenizer_class": "LlamaTokenizerFast", "add_bos_token": true, "add_eos_token": true, "bos_token": "<s>", "eos_token": "</s>"}""");
        Assert.Equal([0, 2, 2, 1], tokenizer.Encode("aa"));
        Assert.Equal([2, 2], tokenizer.Encode("aa", addSpecialTokens: false));
        Assert.Equal("a", tokenizer.Decode([0, 2, 1], skipSpecialTokens: true));
    }

    [Fact]
    public void PossessiveQuantifiersAreRewrittenToAtomicGroups()
    {
        Assert.Equal(@"(?>[^\r\n\p{L}\p{N}]?)\p{L}+|(?>\p{N}+)|(?i:(?>x{1,3}))", OnigurumaSyntax.ToDotNet(@"[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}++|(?i:x{1,3}+)"));
        var matches = new List<(int, int)>();
        new CodePointRegex("1*+1|2").Matches("1112", matches); // a possessive run never gives back the last "1"
        Assert.Equal([(3, 1)], matches);
    }
}
