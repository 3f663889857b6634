namespace Lens.Analyses;

/// <summary>Final norm + unembedding of N residual rows: [N·D] → [N·V] (the engine's <c>Transformer.Unembed</c>).</summary>
public delegate void Unembedding(ReadOnlySpan<float> residual, Span<float> logits);
