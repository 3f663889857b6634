using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>
/// What an activation cache holds per position: the residual stream at every layer boundary of a model, D values each.
/// Layer <see cref="Embed"/> (-1) is the embedding output (<c>blocks.0.hook_resid_pre</c>); layers 0..L-1 are
/// <c>blocks.{l}.hook_resid_post</c>. Internally a layer is a slot 0..L (slot = layer + 1).
/// </summary>
public sealed record ResidualStreamShape(int Layers, int Hidden)
{
    /// <summary>The embedding output, entering block 0.</summary>
    public const int Embed = -1;

    public static ResidualStreamShape Of(ModelConfig config) => new(config.Layers, config.Hidden);

    /// <summary>L + 1 residual streams per position.</summary>
    public int Slots => Layers + 1;

    /// <summary>The slot of <paramref name="layer"/>, or an error naming the valid layers.</summary>
    public int SlotOf(int layer)
    {
        if (layer < Embed || layer >= Layers)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer {layer} is out of range: the model has layers 0..{Layers - 1}, and {Embed} for the embedding output");
        return layer + 1;
    }
}
