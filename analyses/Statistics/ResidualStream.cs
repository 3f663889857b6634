using System.Runtime.CompilerServices;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// The residual stream of a prompt set, one batch at a time: each batch is handed out and dropped, so memory holds
/// a single batch however many prompts there are.
/// </summary>
public static class ResidualStream
{
    /// <param name="intervention">Runs before capture on every pass (e.g. a <see cref="DirectionalAblation"/>).</param>
    public static async IAsyncEnumerable<ResidualBatch> ReadAsync(Transformer model, IEnumerable<int[]> prompts, IReadOnlyCollection<int> layers,
        int batchSize, ResidualPositions positions = ResidualPositions.Last, IForwardHooks? intervention = null, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        foreach (var batch in Batches(model, prompts, layers, batchSize, positions, intervention, cancel))
        {
            yield return batch;
            await Task.Yield();
        }
    }

    /// <summary>The same stream with a callback per batch.</summary>
    public static void Read(Transformer model, IEnumerable<int[]> prompts, IReadOnlyCollection<int> layers, int batchSize, Action<ResidualBatch> onBatch,
        ResidualPositions positions = ResidualPositions.Last, IForwardHooks? intervention = null, CancellationToken cancel = default)
    {
        foreach (var batch in Batches(model, prompts, layers, batchSize, positions, intervention, cancel)) onBatch(batch);
    }

    private static IEnumerable<ResidualBatch> Batches(Transformer model, IEnumerable<int[]> prompts, IReadOnlyCollection<int> layers, int batchSize,
        ResidualPositions positions, IForwardHooks? intervention, CancellationToken cancel)
    {
        if (batchSize < 1) throw new ArgumentException("batch size must be at least 1");
        foreach (var l in layers)
            if (l < 0 || l >= model.Config.Layers) throw new ArgumentException($"layer {l} is out of range: the model has layers 0..{model.Config.Layers - 1}");
        var index = 0;
        var first = 0;
        foreach (var chunk in prompts.Chunk(batchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var capture = new ResidualBatchHooks(layers, model.Config.Hidden, chunk.Length, positions);
            IForwardHooks hooks = intervention is null ? capture : new HookChain(intervention, capture);
            model.ForwardBatch(chunk, hooks, LogitsScope.None);
            var rows = positions == ResidualPositions.Last ? chunk.Length : chunk.Sum(p => p.Length);
            yield return new ResidualBatch(index++, first, chunk.Length, rows, capture.Rows());
            first += chunk.Length;
        }
    }
}
