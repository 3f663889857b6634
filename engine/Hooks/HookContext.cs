namespace Lens.Engine.Hooks;

/// <summary>Where a hook call sits: which sequence of the batch, its new tokens and their positions.</summary>
/// <param name="Sequence">Index of the sequence in the batch (0 for a single prompt).</param>
/// <param name="Tokens">T: number of new tokens of this sequence in this pass.</param>
/// <param name="StartPosition">Absolute position of the first new token (KV-cache length before the pass).</param>
public readonly record struct HookContext(int Sequence, int Tokens, int StartPosition)
{
    /// <summary>Keys visible to the last new token: cached plus new.</summary>
    public int KeyCount => StartPosition + Tokens;
}
