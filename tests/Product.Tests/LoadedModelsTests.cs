using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models;
using Lens.Grains.Models.Serving;
using Lens.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lens.Product.Tests;

/// <summary>The silo's one cache of loaded weights: leases keep them mapped through a shutdown; chat needs a tokenizer, research may not.</summary>
public sealed class LoadedModelsTests
{
    private const string Model = "stories260K";
    private static readonly int[] Prompt = [1, 403, 407, 261];
    private readonly string _folder = TestPaths.TempFolder("loaded-models");

    [Fact]
    public void LeasesKeepTheWeightsLoadedThroughShutdownUntilTheLastIsReturned()
    {
        var models = Open(new ModelSource(Model, TestPaths.Stories260KHf));
        var first = models.Rent(Model);
        var second = models.Rent(Model);
        Assert.Same(first.Model, second.Model);
        Assert.Equal((1, 2), (models.Loads, models.Leases));
        var before = first.Model.Transformer.Forward(Prompt, logits: LogitsScope.Last);

        models.Dispose(); // the silo stops while two forward passes still hold the model
        Assert.Throws<ObjectDisposedException>(() => models.Rent(Model));
        Assert.Equal([Model], models.Loaded);
        first.Dispose();
        first.Dispose(); // a second return is no return
        Assert.Equal(1, models.Leases);
        Assert.Equal([Model], models.Loaded);
        Assert.Equal(before, second.Model.Transformer.Forward(Prompt, logits: LogitsScope.Last));

        second.Dispose();
        Assert.Equal(0, models.Leases);
        Assert.Empty(models.Loaded);
    }

    [Fact]
    public void ChatServingReturnsItsLeaseOnShutdownButResearchStillHoldingTheModelKeepsIt()
    {
        var models = Open(new ModelSource(Model, TestPaths.Stories260KHf));
        var served = Serving(models);
        var chat = served.Get(Model);
        using (var research = models.Rent(Model))
        {
            Assert.Same(chat.Model, research.Model.Transformer);
            served.Dispose();
            models.Dispose();
            Assert.Equal(1, models.Leases);
            Assert.Equal([Model], models.Loaded);
            Assert.Equal(research.Model.Transformer.Config.Vocab, research.Model.Transformer.Forward(Prompt, logits: LogitsScope.Last).Length);
        }
        Assert.Equal(0, models.Leases);
        Assert.Empty(models.Loaded);
        Assert.Equal(1, models.Loads);
    }

    [Fact]
    public void AFolderWithoutATokenizerCannotChatButResearchMayBorrowItsWeights()
    {
        var weights = Directory.CreateDirectory(Path.Combine(_folder, "no-tokenizer")).FullName;
        foreach (var name in new[] { "config.json", "model.safetensors" }) File.Copy(Path.Combine(TestPaths.Stories260KHf, name), Path.Combine(weights, name));
        var models = Open(new ModelSource("bare", weights));
        var served = Serving(models);

        var e = Assert.Throws<ModelUnavailableException>(() => served.Get("bare"));
        Assert.Equal($"model 'bare' is unavailable: {weights} has no tokenizer.json or tokenizer.bin, so it cannot chat", e.Message);
        Assert.Equal(0, models.Leases); // the failed chat returned its lease
        using (var lease = models.Rent("bare"))
        {
            Assert.Null(lease.Model.Codec);
            Assert.Equal(64, lease.Model.Transformer.Config.Hidden);
        }
        Assert.Equal(1, models.Loads);
        served.Dispose();
        models.Dispose();
    }

    [Fact]
    public void AModelTheSiloDoesNotHoldIsRefusedNamingTheOnesItHolds()
    {
        var models = Open(new ModelSource(Model, TestPaths.Stories260KHf), new ModelSource("other", TestPaths.Stories260KHf));
        var e = Assert.Throws<ModelUnavailableException>(() => models.Rent("gpt-17"));
        Assert.Equal("model 'gpt-17' is unavailable: this silo holds only other, stories260K", e.Message);
        Assert.Equal((0, 0), (models.Leases, models.Loads));
    }

    [Fact]
    public void TwoSourcesWithOneNameButDifferentFoldersAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new LoadedModels([[new ModelSource(Model, "/a")], [new ModelSource(Model, "/b")]],
            Options(), NullLogger<LoadedModels>.Instance));
        Assert.StartsWith("the model 'stories260K' is configured twice: at /a and at /b", e.Message);
    }

    private static IOptions<ModelServingOptions> Options() => Microsoft.Extensions.Options.Options.Create(new ModelServingOptions { Threads = 1 });

    private static LoadedModels Open(params ModelSource[] sources) => new([sources], Options(), NullLogger<LoadedModels>.Instance);

    private LocalModels Serving(LoadedModels models)
    {
        var options = new ModelServingOptions { Threads = 1, ActivationDirectory = Path.Combine(_folder, "activations") };
        return new LocalModels(models, new EngineBatchedForward(), Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<LocalModels>.Instance);
    }
}
