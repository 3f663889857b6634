namespace Lens.Engine.Inference;

/// <summary><c>rope_scaling</c> of config.json: none, "linear" (positions / factor) or "llama3" (per-frequency bands).</summary>
public sealed record RopeScaling(string Type, double Factor, double LowFreqFactor = 1, double HighFreqFactor = 4, double OriginalMaxPositions = 8192);
