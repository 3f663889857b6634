namespace Lens.Analyses;

/// <param name="OutputDirectory">Receives metrics.csv and metrics.amc; an existing pair is resumed.</param>
/// <param name="MaxSamples">Stop after this many samples (counted from the start of the dataset).</param>
/// <param name="MaxLength">Longer sequences are cut to this many tokens (default: the model's context length).</param>
public sealed record AttentionMetricsJobOptions(string OutputDirectory, double Threshold = AttentionMetrics.DefaultThreshold, int? MaxSamples = null, int? MaxLength = null)
{
    public string CsvPath => Path.Combine(OutputDirectory, "metrics.csv");
    public string BinaryPath => Path.Combine(OutputDirectory, "metrics.amc");
}
