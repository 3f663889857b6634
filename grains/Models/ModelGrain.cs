using Lens.GrainInterfaces.Models;
using Lens.Grains.Placement;
using Orleans.Concurrency;

namespace Lens.Grains.Models;

/// <summary>
/// <see cref="IModelGrain"/>: a reentrant door to the silo's <see cref="LocalModels"/>. Many streams and clicks run
/// through one activation at once; the fair queue and the batching live in the model's scheduler, not here.
/// </summary>
[Reentrant]
[ModelPlacement] // only silos that hold the model (key "{model}#{replica}") activate it
public sealed class ModelGrain(LocalModels models, ModelReporter reporter) : Grain, IModelGrain
{
    private string ModelName => ModelGrainKey.ModelName(this.GetPrimaryKeyString());

    private ServedModel Served => models.Get(ModelName);

    public Task<ModelDescription> Describe() => Task.FromResult(Served.Describe());

    public Task<TurnTokens> RenderTurn(IReadOnlyList<ChatLine> history, string message) => Task.FromResult(Served.RenderTurn(history, message));

    public Task<string> Decode(int[] ids) => Task.FromResult(Served.Decode(ids));

    public async IAsyncEnumerable<GeneratedToken> Generate(GenerationRequest request)
    {
        var (tokens, cancel) = Served.Generate(request);
        try
        {
            await foreach (var token in tokens.ReadAllAsync()) yield return token;
        }
        finally
        {
            cancel(); // a caller that stops early withdraws the stream; a no-op once it completed
        }
    }

    public Task<LensInspection> Inspect(InspectRequest request) => Served.Inspect(request);

    public Task Evict(Guid conversationId)
    {
        Served.Evict(conversationId);
        reporter.ReportSoon();
        return Task.CompletedTask;
    }

    public Task Forget(Guid conversationId)
    {
        Served.Forget(conversationId);
        reporter.ReportSoon();
        return Task.CompletedTask;
    }
}
