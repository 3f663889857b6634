using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Log-softmax (double) of the first generated token's logits for each prompt, over the full vocabulary. Computed
/// once for a baseline and reused against every model or intervention compared with it. Kept in a file (row i at
/// i·V·8 bytes), so memory does not grow with the number of prompts; a temporary file is deleted on dispose.
/// </summary>
public sealed class FirstTokenDistributions : IDisposable
{
    private readonly FileStream _file;
    private readonly bool _temporary;

    private FirstTokenDistributions(FileStream file, int count, int vocab, bool temporary)
    {
        _file = file; Count = count; Vocab = vocab; _temporary = temporary;
    }

    public int Count { get; }
    public int Vocab { get; }
    public string Path => _file.Name;

    /// <param name="path">Where to keep the distributions for reuse by later runs; null = a temporary file.</param>
    public static FirstTokenDistributions Compute(Transformer model, IReadOnlyList<int[]> prompts, int batchSize, IForwardHooks? hooks = null,
        string? path = null, Action<ValidationProgress>? onBatch = null, CancellationToken cancel = default)
    {
        var temporary = path is null;
        var file = new FileStream(path ?? System.IO.Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16,
            temporary ? FileOptions.DeleteOnClose : FileOptions.None);
        try
        {
            var done = 0;
            ForEachBatch(model, prompts, batchSize, hooks, cancel, (batch, dists) =>
            {
                foreach (var d in dists) file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(d.AsSpan()));
                done += dists.Length;
                onBatch?.Invoke(new ValidationProgress(batch, done, prompts.Count, double.NaN));
            });
            file.Flush();
            return new FirstTokenDistributions(file, prompts.Count, model.Config.Vocab, temporary);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens distributions a previous run kept at <paramref name="path"/>.</summary>
    public static FirstTokenDistributions Open(string path, int vocab)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var row = (long)vocab * sizeof(double);
        var length = file.Length;
        if (length % row != 0) { file.Dispose(); throw new InvalidDataException($"{path}: {length} bytes are not whole distributions over {vocab} tokens"); }
        return new FirstTokenDistributions(file, (int)(length / row), vocab, false);
    }

    /// <summary>Log-probabilities of prompt <paramref name="index"/>.</summary>
    public double[] Read(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"distribution {index} of {Count}");
        var result = new double[Vocab];
        _file.Position = (long)index * Vocab * sizeof(double);
        _file.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Runs the prompts in batches and hands each batch's distributions to <paramref name="onBatch"/>.</summary>
    internal static void ForEachBatch(Transformer model, IReadOnlyList<int[]> prompts, int batchSize, IForwardHooks? hooks, CancellationToken cancel, Action<int, double[][]> onBatch)
    {
        if (batchSize < 1) throw new ArgumentException("batch size must be at least 1");
        var batch = 0;
        foreach (var chunk in prompts.Chunk(batchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var logits = model.ForwardBatch(chunk, hooks, LogitsScope.Last);
            onBatch(batch++, logits.Select(l => VocabularyDistribution.LogSoftmax(l)).ToArray());
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        if (!_temporary) return;
        try { File.Delete(_file.Name); } catch (IOException) { } // DeleteOnClose normally got there first
    }
}
