namespace Lens.Analyses;

/// <summary>Reported after every batch of a validation run, so a caller can show progress or checkpoint.</summary>
/// <param name="Value">The metric over the items done so far (mean KL, refusal rate, accuracy).</param>
public sealed record ValidationProgress(int Batch, int Done, int Total, double Value);
