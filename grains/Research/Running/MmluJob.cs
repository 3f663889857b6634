using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;

namespace Lens.Grains.Research.Running;

/// <summary>
/// The batch's questions scored as <see cref="MmluEvaluation"/> scores them, with the shots drawn from the whole
/// (limited) dataset, so a batch gives the answers a whole run gives for those questions.
/// </summary>
internal sealed class MmluJob : ResearchJob
{
    private readonly LoadedModel _model;
    private readonly ITextCodec _codec;
    private readonly int[] _letters;

    public MmluJob(ResearchPlan plan, ResearchInputs inputs, IReadOnlyList<ModelLease> leases, LoadedModel model) : base(plan, inputs, leases)
    {
        _model = model;
        _codec = model.Codec ?? throw new ResearchJobException($"model '{model.Name}' has no tokenizer");
        var choices = inputs.Questions.Count == 0 ? 0 : inputs.Questions.Max(q => q.Choices.Count);
        _letters = Enumerable.Range(0, choices).Select(i => MmluEvaluation.LetterToken(_codec, i)).ToArray();
    }

    protected override ResearchBatchOutcome Run(int start, int count, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var shots = Plan.Settings.Shots!.Value;
        var questions = Inputs.Questions.Skip(start).Take(count).ToList();
        var prompts = questions.Select(q => _codec.Encode(MmluPrompt.Build(q, MmluPrompt.ShotsFor(q, Inputs.Questions, shots)))).ToArray();
        var logits = _model.Transformer.ForwardBatch(prompts, logits: LogitsScope.Last);
        return new ResearchBatchOutcome
        {
            Mmlu = questions.Select((q, i) => new MmluAnswer(start + i, q.Subject, MmluEvaluation.Choose(logits[i], _letters.AsSpan(0, q.Choices.Count)), q.Answer)).ToList(),
        };
    }
}
