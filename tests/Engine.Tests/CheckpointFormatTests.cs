using Lens.Tests;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Engine.IO;

namespace Lens.Engine.Tests;

/// <summary>The same weights read from different containers and dtypes give the same model.</summary>
public sealed class CheckpointFormatTests
{
    [Fact]
    public void Llama2cOriginalAndHuggingFaceExportGiveTheSameLogits()
    {
        var golden = Golden.Open("stories260K/golden.json");
        using var hf = Transformer.Load(TestPaths.Stories260KHf, threads: 1);
        using var bin = Transformer.Load(TestPaths.Stories260KBin, threads: 1);
        var a = hf.Forward(golden.InputIds);
        var b = bin.Forward(golden.InputIds);
        Compare.Close("llama2.c .bin vs HF logits", a.Select(v => (double)v).ToArray(), b, 1e-4);
        Compare.Close("llama2.c .bin vs golden logits", Golden.Flatten(golden["logits_final"]), b, golden.Atol);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HugePageResidencyComputesExactlyLikeTheMemoryMap(bool llama2c)
    {
        var path = llama2c ? TestPaths.Stories260KBin : TestPaths.Stories260KHf;
        int[] ids = [1, 403, 407, 261, 378, 101, 259];
        using var mapped = Transformer.Load(path, threads: 2, WeightResidency.Mapped);
        Assert.Equal(WeightResidency.Mapped, mapped.Residency);
        if (!HugePageMemory.Supported)
        {
            var e = Assert.Throws<NotSupportedException>(() => Transformer.Load(path, threads: 2, WeightResidency.HugePages));
            Assert.Contains("transparent huge pages", e.Message);
            return;
        }
        using var huge = Transformer.Load(path, threads: 2, WeightResidency.HugePages);
        Assert.Equal(WeightResidency.HugePages, huge.Residency);
        Assert.Equal(mapped.Forward(ids), huge.Forward(ids));
        // Auto keeps small files mapped.
        using var auto = Transformer.Load(path, threads: 1, WeightResidency.Auto);
        Assert.Equal(WeightResidency.Mapped, auto.Residency);
    }

    [Fact]
    public void Llama2cOriginalGreedyGenerationMatchesGolden()
    {
        var golden = Golden.Open("stories260K/golden.json");
        using var bin = Transformer.Load(TestPaths.Stories260KBin, threads: 1);
        Assert.Equal(golden.GreedyIds, bin.Generate(golden.InputIds, new GenerationOptions { MaxNewTokens = golden.GreedyNewTokens }).Ids);
    }

    [Theory]
    [InlineData(TensorDType.BF16)]
    [InlineData(TensorDType.F16)]
    public void HalfPrecisionFilesComputeLikeFloat32FilesHoldingTheSameValues(TensorDType dtype)
    {
        // BF16-rounded weights are exact in BF16, and (at this scale) in F16 too, so all three files hold identical values.
        using var dir = new TempDirectory();
        var shape = new RandomModelShape(64, 96, 2, 4, 2, 300, 64);
        RandomModelWriter.Write(Path.Combine(dir.Path, "f32"), shape, TensorDType.F32, seed: 7, roundToBFloat16: true);
        RandomModelWriter.Write(Path.Combine(dir.Path, "half"), shape, dtype, seed: 7, roundToBFloat16: true);
        using var f32 = Transformer.Load(Path.Combine(dir.Path, "f32"), threads: 2);
        using var half = Transformer.Load(Path.Combine(dir.Path, "half"), threads: 2);
        int[] ids = [1, 5, 17, 200, 3, 99, 42];
        var a = f32.Forward(ids);
        Compare.Close($"{dtype} vs F32 prefill logits", a.Select(v => (double)v).ToArray(), half.Forward(ids), 1e-4);
        var decodedF32 = f32.Generate(ids, new GenerationOptions { MaxNewTokens = 8 }).Ids;
        Assert.Equal(decodedF32, half.Generate(ids, new GenerationOptions { MaxNewTokens = 8 }).Ids);
    }

    [Fact]
    public void ShardedFolderLoadsLikeSingleFile()
    {
        using var dir = new TempDirectory();
        var single = Path.Combine(dir.Path, "single");
        RandomModelWriter.Write(single, new RandomModelShape(32, 64, 2, 2, 2, 50, 32), TensorDType.F32, seed: 3);
        var sharded = Path.Combine(dir.Path, "sharded");
        ShardedCopy.Write(single, sharded);
        using var a = Transformer.Load(single, threads: 1);
        using var b = Transformer.Load(sharded, threads: 1);
        int[] ids = [1, 2, 3, 4];
        Assert.Equal(a.Forward(ids), b.Forward(ids));
    }
}
