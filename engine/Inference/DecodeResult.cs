namespace Lens.Engine.Inference;

/// <summary>
/// What one stream of a <see cref="Transformer.Step"/> produced: the logits [V] of its last new token, or the reason it
/// was left out (its session is then unchanged). One stream's error never affects the others.
/// </summary>
public sealed record DecodeResult(float[]? Logits, string? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>The logits, or an <see cref="InvalidOperationException"/> carrying the stream's error.</summary>
    public float[] LogitsOrThrow() => Logits ?? throw new InvalidOperationException(Error);
}
