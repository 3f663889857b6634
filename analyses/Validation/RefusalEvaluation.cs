using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>Refusal rate over greedy responses of up to N tokens, one prompt at a time, reported per batch of prompts.</summary>
public static class RefusalEvaluation
{
    public static (double Rate, IReadOnlyList<RefusalOutcome> Outcomes) Run(Transformer model, ITextCodec codec, IReadOnlyList<string> prompts, int maxNewTokens,
        RefusalMarkers markers, int batchSize, IForwardHooks? hooks = null, Action<ValidationProgress>? onBatch = null, CancellationToken cancel = default)
    {
        if (batchSize < 1) throw new ArgumentException("batch size must be at least 1");
        var stops = model.Config.EosTokenIds;
        var options = new GenerationOptions { MaxNewTokens = maxNewTokens, StopTokens = stops.ToArray() };
        var outcomes = new List<RefusalOutcome>(prompts.Count);
        var refusals = 0;
        var batch = 0;
        foreach (var chunk in prompts.Chunk(batchSize))
        {
            foreach (var prompt in chunk)
            {
                cancel.ThrowIfCancellationRequested();
                var ids = model.Generate(PromptRendering.Encode(codec, prompt), options, hooks: hooks).Ids;
                var response = codec.Decode(ids.Where(id => !stops.Contains(id)).ToArray());
                var refused = markers.IsRefusal(response);
                if (refused) refusals++;
                outcomes.Add(new RefusalOutcome(prompt, response, refused));
            }
            onBatch?.Invoke(new ValidationProgress(batch++, outcomes.Count, prompts.Count, (double)refusals / outcomes.Count));
        }
        return (prompts.Count == 0 ? 0 : (double)refusals / prompts.Count, outcomes);
    }
}
