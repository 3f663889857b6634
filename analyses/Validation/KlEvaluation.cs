using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>Mean KL(baseline ‖ model) of the first generated token over a prompt set.</summary>
public static class KlEvaluation
{
    /// <returns>The mean and the per-prompt divergences.</returns>
    public static (double Mean, double[] PerPrompt) Run(Transformer model, IReadOnlyList<int[]> prompts, FirstTokenDistributions baseline, int batchSize,
        IForwardHooks? hooks = null, Action<ValidationProgress>? onBatch = null, CancellationToken cancel = default)
    {
        if (baseline.Count != prompts.Count) throw new ArgumentException($"baseline has {baseline.Count} distributions for {prompts.Count} prompts");
        if (baseline.Vocab != model.Config.Vocab) throw new ArgumentException($"the baseline's vocabulary ({baseline.Vocab}) differs from the model's ({model.Config.Vocab})");
        var perPrompt = new double[prompts.Count];
        var done = 0;
        double sum = 0;
        FirstTokenDistributions.ForEachBatch(model, prompts, batchSize, hooks, cancel, (batch, dists) =>
        {
            foreach (var d in dists)
            {
                perPrompt[done] = KlDivergence.Compute(baseline.Read(done), d);
                sum += perPrompt[done++];
            }
            onBatch?.Invoke(new ValidationProgress(batch, done, prompts.Count, sum / done));
        });
        return (prompts.Count == 0 ? 0 : sum / prompts.Count, perPrompt);
    }
}
