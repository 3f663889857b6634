namespace Lens.Analyses;

/// <summary>One token sequence of a dataset, with how far through its source the reader is (0..1, for an ETA).</summary>
public readonly record struct TokenSample(int Index, int[] Ids, double Progress);
