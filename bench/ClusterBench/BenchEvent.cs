namespace Lens.Bench;

/// <summary>A small event (about 40 bytes as JSON).</summary>
public sealed record BenchEvent(int Value);
