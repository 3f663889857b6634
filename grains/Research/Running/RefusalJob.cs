using Lens.Analyses;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;

namespace Lens.Grains.Research.Running;

/// <summary>Greedy responses to the batch's prompts, judged by the pinned refusal markers (<see cref="RefusalEvaluation"/>).</summary>
internal sealed class RefusalJob(ResearchPlan plan, ResearchInputs inputs, IReadOnlyList<ModelLease> leases, LoadedModel model)
    : ResearchJob(plan, inputs, leases)
{
    private readonly ITextCodec _codec = model.Codec ?? throw new ResearchJobException($"model '{model.Name}' has no tokenizer");
    private readonly RefusalMarkers _markers = new(plan.Settings.RefusalMarkers ?? RefusalMarkers.DefaultList);

    protected override ResearchBatchOutcome Run(int start, int count, CancellationToken cancel)
    {
        var prompts = Inputs.Prompts.Skip(start).Take(count).ToList();
        var (_, outcomes) = RefusalEvaluation.Run(model.Transformer, _codec, prompts, Plan.Settings.MaxNewTokens!.Value, _markers, Plan.BatchSize, cancel: cancel);
        return new ResearchBatchOutcome { Refusal = outcomes.Select((o, i) => new RefusalVerdict(start + i, o.Prompt, o.Response, o.Refused)).ToList() };
    }
}
