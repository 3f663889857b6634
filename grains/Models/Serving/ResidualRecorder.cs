using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// Hooks of one batched step: the residual stream after every layer of each sequence's new tokens, as fp16 rows
/// [T][layer][hidden] ready for the activation store.
/// </summary>
internal sealed class ResidualRecorder(ModelConfig config, int sequences) : IForwardHooks
{
    private readonly Half[]?[] _rows = new Half[]?[sequences];
    private readonly int[] _start = new int[sequences];

    public HookPoints Points => HookPoints.ResidPost;

    public void OnResidPost(in HookContext context, int layer, Span<float> residual)
    {
        int l = config.Layers, d = config.Hidden;
        var rows = _rows[context.Sequence] ??= new Half[context.Tokens * l * d];
        _start[context.Sequence] = context.StartPosition;
        for (var t = 0; t < context.Tokens; t++)
        {
            var target = rows.AsSpan((t * l + layer) * d, d);
            var source = residual.Slice(t * d, d);
            for (var i = 0; i < d; i++) target[i] = (Half)source[i];
        }
    }

    /// <summary>The rows of sequence <paramref name="sequence"/> and the position of its first new token.</summary>
    public (int Start, Half[] Rows) Of(int sequence) =>
        (_start[sequence], _rows[sequence] ?? throw new InvalidOperationException($"sequence {sequence} produced no residuals"));
}
