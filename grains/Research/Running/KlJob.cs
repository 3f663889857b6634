using Lens.Analyses;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;

namespace Lens.Grains.Research.Running;

/// <summary>
/// KL(baseline ‖ model) of the first generated token per prompt: the batch's baseline distributions are computed and
/// compared with <see cref="KlEvaluation"/>, in sub-batches of the run's batch size exactly as a whole run does.
/// </summary>
internal sealed class KlJob(ResearchPlan plan, ResearchInputs inputs, IReadOnlyList<ModelLease> leases, LoadedModel model, LoadedModel baseline)
    : ResearchJob(plan, inputs, leases)
{
    private readonly ITextCodec _codec = model.Codec ?? throw new ResearchJobException($"model '{model.Name}' has no tokenizer");

    protected override ResearchBatchOutcome Run(int start, int count, CancellationToken cancel)
    {
        var prompts = Inputs.Prompts.Skip(start).Take(count).ToList();
        var ids = prompts.Select(p => PromptRendering.Encode(_codec, p)).ToList();
        using var reference = FirstTokenDistributions.Compute(baseline.Transformer, ids, Plan.BatchSize, cancel: cancel);
        var (_, perPrompt) = KlEvaluation.Run(model.Transformer, ids, reference, Plan.BatchSize, cancel: cancel);
        return new ResearchBatchOutcome { Kl = prompts.Select((p, i) => new KlOutcome(start + i, p, perPrompt[i])).ToList() };
    }
}
