namespace Lens.Analyses;

/// <summary>Attention metrics of one token sequence, each [L][H][T] row-major.</summary>
public sealed class SampleMetrics(int layers, int heads, int positions)
{
    public int Layers { get; } = layers;
    public int Heads { get; } = heads;
    public int Positions { get; } = positions;
    public int Count => Layers * Heads * Positions;

    /// <summary>L2 norm of the query before rotary.</summary>
    public float[] QueryNorm { get; } = new float[layers * heads * positions];
    public float[] Entropy { get; } = new float[layers * heads * positions];
    public float[] Max { get; } = new float[layers * heads * positions];
    public int[] KEff { get; } = new int[layers * heads * positions];

    public int Index(int layer, int head, int position) => (layer * Heads + head) * Positions + position;
}
