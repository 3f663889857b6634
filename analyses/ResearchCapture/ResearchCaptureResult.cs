namespace Lens.Analyses;

/// <summary>What a research capture produced: the generated ids, the store's size and the same data's size as JSON (0 when not mirrored).</summary>
public sealed record ResearchCaptureResult(int Steps, int[] Tokens, long StoreBytes, long JsonBytes, CaptureDetail Detail);
