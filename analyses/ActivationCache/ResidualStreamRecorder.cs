using System.Numerics.Tensors;
using Lens.Engine.Hooks;

namespace Lens.Analyses;

/// <summary>
/// A hook that records, in fp16, the residual stream of every layer boundary (embedding output and every block's
/// output) for the new positions of one sequence — one forward pass, or several contiguous ones (a chunked prefill, a
/// decode step after a prompt). Hand it to <see cref="ResidualStreamStore.Append"/> once its passes have succeeded.
/// </summary>
public sealed class ResidualStreamRecorder(ResidualStreamShape shape) : IForwardHooks
{
    private readonly Half[][] _slots = Enumerable.Range(0, shape.Slots).Select(_ => Array.Empty<Half>()).ToArray();
    private bool _started;

    public HookPoints Points => HookPoints.ResidPre | HookPoints.ResidPost;
    public ResidualStreamShape Shape => shape;
    /// <summary>Absolute position of the first recorded row.</summary>
    public int StartPosition { get; private set; }
    /// <summary>Recorded positions (rows per slot).</summary>
    public int Positions { get; private set; }

    /// <summary>Rows [Positions × D] of one slot (slot 0 = embedding output, slot l + 1 = block l's output).</summary>
    public ReadOnlySpan<Half> Slot(int slot) => _slots[slot].AsSpan(0, Positions * shape.Hidden);

    /// <summary>Forgets what was recorded, to record another run.</summary>
    public void Clear() { _started = false; StartPosition = 0; Positions = 0; }

    public void OnResidPre(in HookContext context, Span<float> residual)
    {
        if (!_started) { _started = true; StartPosition = context.StartPosition; }
        else if (context.StartPosition != StartPosition + Positions)
            throw new InvalidOperationException($"the recorder holds positions {StartPosition}..{StartPosition + Positions - 1} and was given {context.StartPosition}..: it records one contiguous run of one sequence");
        var needed = (Positions + context.Tokens) * shape.Hidden;
        foreach (ref var slot in _slots.AsSpan())
            if (slot.Length < needed) Array.Resize(ref slot, Math.Max(needed, slot.Length * 2));
        Positions += context.Tokens;
        Write(0, context, residual);
    }

    public void OnResidPost(in HookContext context, int layer, Span<float> residual) => Write(layer + 1, context, residual);

    private void Write(int slot, in HookContext context, ReadOnlySpan<float> residual)
    {
        if (residual.Length != context.Tokens * shape.Hidden)
            throw new InvalidOperationException($"residual of {residual.Length} values for {context.Tokens} tokens: the recorder was made for hidden size {shape.Hidden}");
        TensorPrimitives.ConvertToHalf(residual, _slots[slot].AsSpan((context.StartPosition - StartPosition) * shape.Hidden, residual.Length));
    }
}
