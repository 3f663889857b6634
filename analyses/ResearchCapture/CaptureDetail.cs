namespace Lens.Analyses;

/// <summary>How much of each generation step a research capture stores.</summary>
public enum CaptureDetail
{
    /// <summary>Per-head metrics, head-pattern labels and the top alternative tokens.</summary>
    Summary,
    /// <summary>Summary plus every head's attention weights.</summary>
    AttentionOnly,
    /// <summary>Summary plus the attention weights of the N most focused heads per layer.</summary>
    TopHeads,
    /// <summary>Summary plus every head's attention weights and the queries, keys and values.</summary>
    Full,
}
