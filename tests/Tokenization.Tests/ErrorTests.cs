namespace Lens.Tokenization.Tests;

/// <summary>Broken or unsupported tokenizer files and bad ids fail with messages that name the file, field, type or id.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lens-tok-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private const string MinimalModel = """
        "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}
        """;

    [Fact]
    public void MinimalFileLoadsAndEncodes()
    {
        var path = Write("tokenizer.json", "{" + MinimalModel + "}");
        var tokenizer = Tokenizer.Load(path);
        Assert.Equal([2, 0], tokenizer.Encode("aba"));
    }

    [Fact]
    public void TruncatedJsonNamesTheFile()
    {
        var full = File.ReadAllText(Path.Combine(SharedFixtures.TokenizerFolder("mistral"), "tokenizer.json"));
        var path = Write("tokenizer.json", full[..(full.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheFile()
    {
        var path = Write("tokenizer.json", "{\"model\": {\"type\": \"BPE\",, }");
        var e = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void MissingModelIsNamed()
    {
        var e = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(Write("tokenizer.json", "{\"normalizer\": null}")));
        Assert.Contains("model is missing", e.Message);
    }

    [Fact]
    public void MergeOfUnknownTokenNamesTheMerge()
    {
        var path = Write("tokenizer.json", """{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a b"]}}""");
        var e = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(path));
        Assert.Contains("model.merges[0]", e.Message);
        Assert.Contains("'ab'", e.Message);
    }

    [Fact]
    public void WrongFieldTypeIsNamed()
    {
        var path = Write("tokenizer.json", """{"model": {"type": "BPE", "vocab": {"a": "zero"}, "merges": []}}""");
        var e = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(path));
        Assert.Contains("model.vocab[\"a\"]", e.Message);
    }

    [Theory]
    [InlineData("\"model\": {\"type\": \"Unigram\", \"vocab\": []}", "model type 'Unigram'")]
    [InlineData("\"normalizer\": {\"type\": \"Precompiled\"}, " + MinimalModel, "normalizer type 'Precompiled'")]
    [InlineData("\"pre_tokenizer\": {\"type\": \"BertPreTokenizer\"}, " + MinimalModel, "pre_tokenizer type 'BertPreTokenizer'")]
    [InlineData("\"decoder\": {\"type\": \"CTC\"}, " + MinimalModel, "decoder type 'CTC'")]
    [InlineData("\"post_processor\": {\"type\": \"Mystery\"}, " + MinimalModel, "post_processor type 'Mystery'")]
    [InlineData("\"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"String\": \" \"}, \"behavior\": \"Sideways\"}]}, " + MinimalModel, "'Sideways'")]
    public void UnknownComponentTypeIsNamed(string body, string expected)
    {
        var path = Write("tokenizer.json", "{" + body + "}");
        var e = Assert.Throws<NotSupportedException>(() => Tokenizer.Load(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(50257)]
    [InlineData(int.MaxValue)]
    public void DecodingAnIdOutsideTheVocabularyNamesTheId(int id)
    {
        var tokenizer = SharedFixtures.Tokenizer("gpt2");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([15496, id]));
        Assert.Contains($"token id {id}", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.TokenText(id));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.CreateStreamingDecoder().Push(id));
    }

    [Fact]
    public void GemmaImageTokenOutsideTheModelVocabularyStillDecodes()
    {
        var tokenizer = SharedFixtures.Tokenizer("gemma3");
        Assert.Equal(262145, tokenizer.VocabularySize);
        Assert.Equal("<image_soft_token>", tokenizer.Decode([262144]));
    }

    [Fact]
    public void TruncatedLlama2cFileNamesTheToken()
    {
        var bytes = File.ReadAllBytes(SharedFixtures.Path2("models", "stories260K-llama2c", "tok512.bin"));
        var path = Path.Combine(_dir, "tokenizer.bin");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 3)]);
        var e = Assert.Throws<InvalidDataException>(() => Tokenizer.Load(path));
        Assert.Contains("token 511", e.Message);
    }

    [Fact]
    public void FolderWithoutTokenizerSaysWhatWasLookedFor()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Tokenizer.Load(_dir));
        Assert.Contains("tokenizer.json", e.Message);
        Assert.Contains(_dir, e.Message);
    }
}
