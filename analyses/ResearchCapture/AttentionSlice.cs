namespace Lens.Analyses;

/// <summary>The attention of one (step, layer): weights [heads][queries][keys] and the model head each stored head is.</summary>
public sealed record AttentionSlice(int Step, int Layer, int[] Heads, int Queries, int Keys, float[] Weights)
{
    public float this[int head, int query, int key] => Weights[(head * Queries + query) * Keys + key];
}
