namespace Lens.Engine.IO;

/// <summary>Dimensions of a random-weight Llama. <see cref="Stories110M"/> is the benchmark shape.</summary>
public sealed record RandomModelShape(int Hidden, int Intermediate, int Layers, int Heads, int KvHeads, int Vocab, int ContextLength = 1024)
{
    public static RandomModelShape Stories110M { get; } = new(768, 2048, 12, 12, 12, 32000);

    public long Parameters =>
        (long)Vocab * Hidden + Layers * ((long)Hidden * Hidden * 2 + 2L * Hidden * (Hidden / Heads * KvHeads) + 3L * Hidden * Intermediate + 2L * Hidden) + Hidden;
}
