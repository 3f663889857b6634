namespace Lens.Analyses;

/// <summary>What a previous attention-metrics run left complete: how many samples, the last one, and where both files end.</summary>
public sealed record CommittedSamples(int Samples, int LastSample, long BinaryLength, long CsvLength);
