namespace Lens.Engine.Inference;

/// <summary>How to pick tokens: Temperature 0 is greedy (ties → lowest id); otherwise top-k, then top-p, then min-p, then a seeded draw.</summary>
public sealed record GenerationOptions
{
    public int MaxNewTokens { get; init; } = 64;
    public float Temperature { get; init; }
    /// <summary>0 = no top-k cut.</summary>
    public int TopK { get; init; }
    public float TopP { get; init; } = 1f;
    /// <summary>Keep tokens whose probability is at least MinP × the most likely token's; 0 = no cut.</summary>
    public float MinP { get; init; }
    public ulong Seed { get; init; }
    public IReadOnlyCollection<int>? StopTokens { get; init; }
}
