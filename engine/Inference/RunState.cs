namespace Lens.Engine.Inference;

/// <summary>Scratch activations for N tokens of one forward pass, grown on demand and reused between passes.</summary>
internal sealed class RunState(ModelConfig c)
{
    public int Capacity { get; private set; }
    public float[] X = [];        // [N, D] residual stream
    public float[] Normed = [];   // [N, D]
    public float[] Q = [];        // [N, H·hd]
    public float[] K = [];        // [N, KVH·hd]
    public float[] V = [];        // [N, KVH·hd]
    public float[] Fused = [];    // [N, (H + 2·KVH)·hd] or [N, 2I]
    public float[] Attn = [];     // [N, H·hd]
    public float[] O = [];        // [N, D]
    public float[] Mlp = [];      // [N, D]
    public float[] Gate = [];     // [N, I]
    public float[] Up = [];       // [N, I]

    public void Ensure(int n)
    {
        if (n <= Capacity) return;
        var fused = Math.Max((c.Heads + 2 * c.KvHeads) * c.HeadDim, 2 * c.Intermediate);
        X = new float[n * c.Hidden]; Normed = new float[n * c.Hidden];
        Q = new float[n * c.QueryWidth]; K = new float[n * c.KvWidth]; V = new float[n * c.KvWidth];
        Fused = new float[n * fused]; Attn = new float[n * c.QueryWidth];
        O = new float[n * c.Hidden]; Mlp = new float[n * c.Hidden];
        Gate = new float[n * c.Intermediate]; Up = new float[n * c.Intermediate];
        Capacity = n;
    }
}
