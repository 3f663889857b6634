namespace Lens.Analyses;

/// <summary>Residual rows of one batch of prompts: per requested layer, [Rows·D]. Valid until the next batch is read.</summary>
public sealed record ResidualBatch(int BatchIndex, int FirstPrompt, int Prompts, int Rows, IReadOnlyDictionary<int, float[]> ByLayer);
