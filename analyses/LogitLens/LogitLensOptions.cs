namespace Lens.Analyses;

/// <summary>What a logit-lens run keeps.</summary>
/// <param name="TopK">Ids and probabilities kept per (layer, position).</param>
/// <param name="Layers">Layers to analyse, in the order given; null = all.</param>
/// <param name="Track">Also collect, per position, every token that is top-k at some analysed layer and its probability at every analysed layer.</param>
public sealed record LogitLensOptions(int TopK = 5, IReadOnlyList<int>? Layers = null, bool Track = false);
