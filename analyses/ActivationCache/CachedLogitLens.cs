using Lens.Engine.Inference;

namespace Lens.Analyses;

/// <summary>The logit lens recomputed from cached residuals (any layers, any k) instead of a forward pass.</summary>
public static class CachedLogitLens
{
    /// <summary>
    /// The lens at positions [<paramref name="start"/>, start + ids.Length) of <paramref name="conversation"/>, whose
    /// token ids there are <paramref name="ids"/> (they give the next-token ranks). Layers may include
    /// <see cref="ResidualStreamShape.Embed"/>.
    /// </summary>
    public static LogitLensResult Run(ResidualStreamStore store, string conversation, Transformer model, int[] ids, int start, LogitLensOptions options)
    {
        if (ResidualStreamShape.Of(model.Config) != store.Shape)
            throw new ArgumentException($"the cache holds {store.Shape.Layers} layers × hidden {store.Shape.Hidden}, the model has {model.Config.Layers} × {model.Config.Hidden}", nameof(model));
        if (ids.Length == 0) throw new ArgumentException("the logit lens needs at least one position", nameof(ids));
        var layers = options.Layers?.ToArray() ?? Enumerable.Range(0, store.Shape.Layers).ToArray();
        if (layers.Length == 0) throw new ArgumentException("the logit lens needs at least one layer", nameof(options));
        foreach (var layer in layers) store.Shape.SlotOf(layer);
        if (layers.Distinct().Count() != layers.Length) throw new ArgumentException("a layer is listed twice", nameof(options));
        var residuals = layers.Select(layer => store.Read(conversation, layer, start, ids.Length)).ToArray();
        return LogitLens.Analyse(residuals, ids, layers, model.Unembed, model.Config.Hidden, model.Config.Vocab, options);
    }
}
