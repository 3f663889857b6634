using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Multiple-choice accuracy: the model's answer is the choice whose letter token (" A", " B", …) has the highest
/// logit after the k-shot prompt (ties → the earlier letter).
/// </summary>
public static class MmluEvaluation
{
    /// <summary>Logits of the last position for each prompt of a batch.</summary>
    public delegate float[][] LastLogits(IReadOnlyList<int[]> prompts);

    public static MmluReport Run(Transformer model, ITextCodec codec, IReadOnlyList<MmluItem> items, int shots, int batchSize,
        IForwardHooks? hooks = null, Action<ValidationProgress>? onBatch = null, CancellationToken cancel = default) =>
        Run(batch => model.ForwardBatch(batch, hooks, LogitsScope.Last), codec, items, shots, batchSize, onBatch, cancel);

    public static MmluReport Run(LastLogits score, ITextCodec codec, IReadOnlyList<MmluItem> items, int shots, int batchSize,
        Action<ValidationProgress>? onBatch = null, CancellationToken cancel = default)
    {
        if (batchSize < 1) throw new ArgumentException("batch size must be at least 1");
        var maxChoices = items.Count == 0 ? 0 : items.Max(i => i.Choices.Count);
        var letterIds = Enumerable.Range(0, maxChoices).Select(i => LetterToken(codec, i)).ToArray();
        var bySubject = new SortedDictionary<string, (int Correct, int Total)>(StringComparer.Ordinal);
        int correct = 0, done = 0, batch = 0;
        foreach (var chunk in items.Chunk(batchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var prompts = chunk.Select(item => codec.Encode(MmluPrompt.Build(item, MmluPrompt.ShotsFor(item, items, shots)))).ToArray();
            var logits = score(prompts);
            for (var i = 0; i < chunk.Length; i++)
            {
                var item = chunk[i];
                var predicted = Choose(logits[i], letterIds.AsSpan(0, item.Choices.Count));
                var ok = predicted == item.Answer;
                bySubject.TryGetValue(item.Subject, out var s);
                bySubject[item.Subject] = (s.Correct + (ok ? 1 : 0), s.Total + 1);
                if (ok) correct++;
                done++;
            }
            onBatch?.Invoke(new ValidationProgress(batch++, done, items.Count, (double)correct / done));
        }
        return new MmluReport(bySubject, correct, done);
    }

    /// <summary>The token the model emits for " X" after "Answer:" (the last token of encoding " X").</summary>
    public static int LetterToken(ITextCodec codec, int index)
    {
        var ids = codec.Encode(" " + MmluPrompt.Letter(index), addSpecialTokens: false);
        return ids.Length > 0 ? ids[^1] : throw new InvalidOperationException($"the tokenizer encodes \" {MmluPrompt.Letter(index)}\" to nothing");
    }

    public static int Choose(ReadOnlySpan<float> logits, ReadOnlySpan<int> letterIds)
    {
        var best = 0;
        for (var i = 1; i < letterIds.Length; i++)
            if (logits[letterIds[i]] > logits[letterIds[best]]) best = i;
        return best;
    }
}
