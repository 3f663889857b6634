using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// The attention panel's data for a clicked position: in every layer, each head's attention probabilities from that
/// query over the keys up to it — recomputed by one forward pass over the token ids up to the position (see
/// <see cref="ResidualStreamStore"/> for why attention is recomputed rather than cached).
/// </summary>
public static class AttentionRows
{
    /// <summary>Per layer, [H × (position + 1)]: head h's probabilities over keys 0..position.</summary>
    public static float[][] Recompute(Transformer model, ReadOnlySpan<int> ids, int position)
    {
        if (position < 0 || position >= ids.Length)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"position {position} is outside the {ids.Length} token ids given");
        var rows = new LastQueryRows(model.Config.Layers, model.Config.Heads);
        model.Forward(ids[..(position + 1)], rows, LogitsScope.None);
        return rows.Rows;
    }

    /// <summary>Keeps, from each layer's [H, T, K] pattern, the last query's row of every head.</summary>
    private sealed class LastQueryRows(int layers, int heads) : IForwardHooks
    {
        public float[][] Rows { get; } = new float[layers][];
        public HookPoints Points => HookPoints.Pattern;

        public void OnPattern(in HookContext context, int layer, ReadOnlySpan<float> pattern)
        {
            int t = context.Tokens, k = context.KeyCount;
            var row = new float[heads * k];
            for (var h = 0; h < heads; h++) pattern.Slice((h * t + t - 1) * k, k).CopyTo(row.AsSpan(h * k, k));
            Rows[layer] = row;
        }
    }
}
