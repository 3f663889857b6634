namespace Lens.Analyses;

/// <param name="TopHeads">Heads kept per layer at <see cref="CaptureDetail.TopHeads"/>.</param>
/// <param name="Alternatives">Most probable next tokens stored per step.</param>
/// <param name="MirrorJson">Also size the same data as JSON (written to a counting stream, not kept).</param>
public sealed record ResearchCaptureOptions(int MaxNewTokens, CaptureDetail Detail, int TopHeads = 4, int Alternatives = 5,
    double Threshold = AttentionMetrics.DefaultThreshold, int CompressionLevel = 9, bool MirrorJson = true);
