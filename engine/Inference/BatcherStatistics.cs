namespace Lens.Engine.Inference;

/// <summary>What a <see cref="ContinuousBatcher"/> has run: steps, tokens, and the most streams that shared one step.</summary>
public sealed record BatcherStatistics(long Steps, long Tokens, int LargestStepStreams);
