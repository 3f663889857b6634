namespace Lens.Engine.Inference;

/// <summary>New token ids (prompt excluded) and why generation ended: length, stop_token, callback or context_length.</summary>
public sealed record GenerationResult(int[] Ids, string StopReason);
