using Lens.Tests;
using System.Text;
using System.Text.Json.Nodes;
using Lens.Engine.Inference;
using Lens.Engine.IO;

namespace Lens.Engine.Tests;

/// <summary>Every malformed model input gives an exception whose message names the file, tensor or field — never a crash or hang.</summary>
public sealed class BadModelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _good;

    public BadModelFileTests()
    {
        _good = Path.Combine(_dir.Path, "good");
        RandomModelWriter.Write(_good, new RandomModelShape(32, 64, 2, 2, 2, 50, 16), TensorDType.F32, seed: 1);
    }

    public void Dispose() => _dir.Dispose();

    private string CopyOfGood(string name)
    {
        var dir = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(_good)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    /// <summary>A model folder whose safetensors file has the given raw header and data bytes.</summary>
    private string WithRawSafetensors(string name, string headerJson, int dataBytes, long? declaredHeaderLength = null)
    {
        var dir = CopyOfGood(name);
        var header = Encoding.UTF8.GetBytes(headerJson);
        using var s = File.Create(Path.Combine(dir, "model.safetensors"));
        s.Write(BitConverter.GetBytes((ulong)(declaredHeaderLength ?? header.Length)));
        s.Write(header);
        s.Write(new byte[dataBytes]);
        return dir;
    }

    private static string Load(string dir, WeightResidency residency = WeightResidency.Mapped) =>
        Assert.ThrowsAny<Exception>(() => { using var m = Transformer.Load(dir, residency: residency); }).Message;

    /// <summary>Huge-page residency reads the bytes first and validates them the same way; where the OS has no huge pages it says so.</summary>
    private static bool Unavailable(WeightResidency residency, string path)
    {
        if (residency != WeightResidency.HugePages || HugePageMemory.Supported) return false;
        Assert.Contains("transparent huge pages", Load(path, residency));
        return true;
    }

    [Theory]
    [InlineData(WeightResidency.Mapped)]
    [InlineData(WeightResidency.HugePages)]
    public void TruncatedFileNamesTheFile(WeightResidency residency)
    {
        var dir = CopyOfGood($"truncated-{residency}");
        var path = Path.Combine(dir, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        if (Unavailable(residency, dir)) return;
        var message = Load(dir, residency);
        Assert.Contains("model.safetensors", message);
        Assert.Contains("out of range", message);
    }

    [Fact]
    public void FileShorterThanItsHeaderLengthIsReported()
    {
        var dir = CopyOfGood("tiny");
        File.WriteAllBytes(Path.Combine(dir, "model.safetensors"), [1, 2, 3]);
        Assert.Contains("truncated", Load(dir));
    }

    [Fact]
    public void HeaderLengthBeyondTheFileIsReported()
    {
        var message = Load(WithRawSafetensors("beyond", "{}", 0, declaredHeaderLength: 1_000_000));
        Assert.Contains("header length 1000000 is beyond the file size", message);
    }

    [Fact]
    public void MalformedHeaderJsonIsReported() =>
        Assert.Contains("malformed JSON header", Load(WithRawSafetensors("badjson", "{\"a\": [1, 2", 0)));

    [Fact]
    public void OffsetsOutOfRangeNameTheTensor()
    {
        var message = Load(WithRawSafetensors("range", """{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 8));
        Assert.Contains("tensor 'x'", message);
        Assert.Contains("out of range", message);
    }

    [Fact]
    public void OverlappingTensorsAreReported()
    {
        var message = Load(WithRawSafetensors("overlap",
            """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}""", 24));
        Assert.Contains("'a' and 'b' overlap", message);
    }

    [Fact]
    public void UnknownDtypeIsNamed()
    {
        var message = Load(WithRawSafetensors("dtype", """{"x":{"dtype":"F33","shape":[4],"data_offsets":[0,16]}}""", 16));
        Assert.Contains("unknown dtype 'F33'", message);
    }

    [Fact]
    public void SizeDisagreeingWithShapeIsReported()
    {
        var message = Load(WithRawSafetensors("size", """{"x":{"dtype":"F32","shape":[5],"data_offsets":[0,16]}}""", 16));
        Assert.Contains("16 bytes do not match shape [5] of F32", message);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var message = Load(WithRawSafetensors("missing", """{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 16));
        Assert.Contains("missing tensor 'model.embed_tokens.weight'", message);
    }

    [Fact]
    public void UncomputableDtypeOfAUsedTensorIsNamed()
    {
        var message = Load(WithRawSafetensors("i64", """{"model.embed_tokens.weight":{"dtype":"I64","shape":[50,32],"data_offsets":[0,12800]}}""", 12800));
        Assert.Contains("'model.embed_tokens.weight' has dtype I64", message);
    }

    [Fact]
    public void ShapeDisagreeingWithConfigNamesTensorAndShapes()
    {
        var dir = CopyOfGood("shape");
        EditConfig(dir, c => c["intermediate_size"] = 65);
        var message = Load(dir);
        Assert.Contains("model.layers.0.mlp.gate_proj.weight", message);
        Assert.Contains("has shape [64, 32] but config.json implies [65, 32]", message);
    }

    [Fact]
    public void UnsupportedModelTypeNamesTheSupportedOnes()
    {
        var dir = CopyOfGood("type");
        EditConfig(dir, c => c["model_type"] = "mamba");
        var message = Load(dir);
        Assert.Contains("unsupported model_type 'mamba'", message);
        foreach (var family in new[] { "gemma", "gemma2", "gpt2", "gpt_neox", "gptj", "llama", "mistral", "olmo", "phi3", "qwen2" })
            Assert.Contains(family, message);
    }

    [Fact]
    public void MissingConfigFieldIsNamed()
    {
        var dir = CopyOfGood("field");
        EditConfig(dir, c => c.Remove("vocab_size"));
        Assert.Contains("missing or non-positive field 'vocab_size'", Load(dir));
    }

    [Fact]
    public void MalformedConfigJsonIsReported()
    {
        var dir = CopyOfGood("config");
        File.WriteAllText(Path.Combine(dir, "config.json"), "{ not json");
        Assert.Contains("config.json: malformed JSON", Load(dir));
    }

    [Fact]
    public void MissingFolderIsReported() =>
        Assert.Contains("no such model folder", Load(Path.Combine(_dir.Path, "nowhere")));

    [Theory]
    [InlineData(WeightResidency.Mapped)]
    [InlineData(WeightResidency.HugePages)]
    public void TruncatedLlama2cCheckpointNamesTheArray(WeightResidency residency)
    {
        var bytes = File.ReadAllBytes(TestPaths.Stories260KBin);
        var path = Path.Combine(_dir.Path, $"cut-{residency}.bin");
        File.WriteAllBytes(path, bytes[..500_000]);
        if (Unavailable(residency, path)) return;
        var message = Load(path, residency);
        Assert.Contains($"cut-{residency}.bin: truncated", message);
        Assert.Contains("'w", message);
    }

    [Fact]
    public void IdsOutsideTheVocabularyAreRejected()
    {
        using var model = Transformer.Load(_good);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward([1, 50]));
        Assert.Contains("token id 50 is outside the vocabulary [0, 50)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward([-1]));
    }

    [Fact]
    public void PromptLongerThanTheContextIsRejected()
    {
        using var model = Transformer.Load(_good);
        var ids = Enumerable.Repeat(1, 17).ToArray();
        Assert.Contains("exceeds the model's context length of 16 tokens", Assert.Throws<ArgumentException>(() => model.Forward(ids)).Message);
        Assert.Contains("exceeds the model's context length of 16 tokens",
            Assert.Throws<ArgumentException>(() => model.Generate(ids, new GenerationOptions())).Message);
    }

    [Fact]
    public void GenerationStopsAtTheContextLengthWithAReason()
    {
        using var model = Transformer.Load(_good);
        var result = model.Generate(Enumerable.Repeat(1, 10).ToArray(), new GenerationOptions { MaxNewTokens = 50 });
        Assert.Equal("context_length", result.StopReason);
        Assert.Equal(7, result.Ids.Length); // positions 10..15 are filled, the 7th token is sampled from position 15's logits
    }

    private static void EditConfig(string dir, Action<JsonObject> edit)
    {
        var path = Path.Combine(dir, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
