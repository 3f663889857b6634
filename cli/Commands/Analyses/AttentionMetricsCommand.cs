using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Analyses;
using Lens.Cli.CommandLine;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens attention-metrics</c>: q-norm, attention entropy, max weight and k_eff per (sample, layer, head, position)
/// over a dataset, streamed to DIR/metrics.csv and DIR/metrics.amc; progress with ETA on stderr; a rerun resumes.
/// </summary>
public sealed class AttentionMetricsCommand : ICliCommand
{
    public string Name => "attention-metrics";
    public string Usage => "attention-metrics --model DIR --data PATH(.npy folder | .jsonl | text) --out DIR [--threshold 0.9] [--context-length N] [--samples N] [--threads N]";

    public int Run(CliArguments args, CliOutput output)
    {
        var data = args.Required("data");
        var outDir = args.Required("out");
        var threshold = args.Double("threshold", AttentionMetrics.DefaultThreshold);
        if (threshold is <= 0 or > 1) throw new CliUsageException("--threshold must be in (0, 1]");
        int? contextLength = args.Has("context-length") ? AnalysisInputs.PositiveInt(args, "context-length", 1) : null;
        int? samples = args.Has("samples") ? AnalysisInputs.PositiveInt(args, "samples", 1) : null;
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var codec = TextCodecs.Open(modelArgs.Path);
        var dataset = TokenDatasets.Open(data, codec, contextLength ?? Math.Min(model.Config.ContextLength, 256), model.Config.BosTokenId);
        var job = new AttentionMetricsJob(model, new AttentionMetricsJobOptions(outDir, threshold, samples, contextLength));
        var progress = job.Run(dataset, p => output.Progress($"attention-metrics: {p}"));
        output.Result(new JsonObject
        {
            ["out"] = Path.GetFullPath(outDir),
            ["written"] = progress.Written,
            ["skipped"] = progress.Skipped,
            ["rows"] = progress.Rows,
            ["seconds"] = Math.Round(progress.Elapsed.TotalSeconds, 3),
            ["rows_per_second"] = Math.Round(progress.RowsPerSecond, 1),
            ["csv_bytes"] = new FileInfo(Path.Combine(outDir, "metrics.csv")).Length,
            ["binary_bytes"] = new FileInfo(Path.Combine(outDir, "metrics.amc")).Length,
            ["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return 0;
    }
}
