using System.Diagnostics;
using System.Text;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// Attention metrics over a dataset, streamed to CSV and the columnar binary file one sample at a time (memory holds
/// one sample's metrics). Each sample is committed by its binary block, written after its CSV rows; a rerun keeps the
/// committed samples, cuts whatever an interrupted run wrote after them, and continues, so the files end up identical
/// to an uninterrupted run's. Sequences run one per forward pass so batching cannot change their numbers.
/// </summary>
public sealed class AttentionMetricsJob(Transformer model, AttentionMetricsJobOptions options)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public JobProgress Run(ITokenDataset data, Action<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        using var bin = new FileStream(options.BinaryPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        using var csv = new FileStream(options.CsvPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var lastCommitted = Recover(bin, csv);

        var maxLength = Math.Min(options.MaxLength ?? int.MaxValue, model.Config.ContextLength);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        int written = 0, skipped = 0;
        long rows = 0;
        double fraction = 0, startFraction = -1;
        var text = new StringBuilder();
        JobProgress Snapshot()
        {
            var done = fraction - Math.Max(0, startFraction);
            TimeSpan? eta = written > 0 && done > 0 ? clock.Elapsed * ((1 - fraction) / done) : null;
            return new JobProgress(written, skipped, rows, fraction, clock.Elapsed, eta);
        }

        foreach (var sample in data.Samples())
        {
            if (sample.Index >= (options.MaxSamples ?? int.MaxValue)) break;
            fraction = options.MaxSamples is { } max ? Math.Max(sample.Progress, (sample.Index + 1.0) / max) : sample.Progress;
            if (sample.Index <= lastCommitted) { skipped++; continue; }
            cancel.ThrowIfCancellationRequested();
            if (startFraction < 0) startFraction = sample.Index == 0 ? 0 : fraction;

            var ids = sample.Ids.Length > maxLength ? sample.Ids[..maxLength] : sample.Ids;
            var metrics = ids.Length == 0 ? new SampleMetrics(model.Config.Layers, model.Config.Heads, 0) : AttentionMetricsHooks.Measure(model, ids, options.Threshold);
            text.Clear();
            MetricsCsv.Append(text, sample.Index, metrics);
            csv.Write(Encoding.UTF8.GetBytes(text.ToString()));
            csv.Flush();
            MetricsColumnFile.WriteBlock(bin, sample.Index, metrics, csv.Length);
            bin.Flush();
            written++;
            rows += metrics.Count;
            if (progress is not null && clock.Elapsed - lastReport >= ProgressInterval) { lastReport = clock.Elapsed; progress(Snapshot()); }
        }
        fraction = 1;
        var final = Snapshot();
        progress?.Invoke(final);
        return final;
    }

    /// <summary>Cuts both files back to the last committed sample (or starts them) and returns that sample's index.</summary>
    private int Recover(FileStream bin, FileStream csv)
    {
        var committed = MetricsColumnFile.Scan(bin, options.Threshold);
        if (committed is null || committed.Samples == 0)
        {
            bin.SetLength(0);
            MetricsColumnFile.WriteHeader(bin, options.Threshold);
            csv.SetLength(0);
            csv.Write(Encoding.UTF8.GetBytes(MetricsCsv.Header));
            bin.Flush(); csv.Flush();
            return -1;
        }
        if (csv.Length < committed.CsvLength)
            throw new InvalidDataException($"{options.CsvPath} is shorter than the binary file says ({csv.Length} < {committed.CsvLength} bytes): remove the output folder and start again");
        bin.SetLength(committed.BinaryLength);
        csv.SetLength(committed.CsvLength);
        bin.Seek(0, SeekOrigin.End);
        csv.Seek(0, SeekOrigin.End);
        return committed.LastSample;
    }
}
