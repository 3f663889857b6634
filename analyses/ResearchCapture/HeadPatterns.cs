namespace Lens.Analyses;

/// <summary>
/// Labels a head and scores how focused it is, from its attention rows [Tq·K] for queries at positions start..start+Tq−1.
/// A label needs the mean weight on that key (previous token, first token, the query itself) to reach <see cref="Dominance"/>.
/// </summary>
public static class HeadPatterns
{
    public const double Dominance = 0.5;
    public const string FocusCriterion = "focus = mean over the step's queries with ≥ 2 keys of 1 − entropy / ln(keys); highest first";

    public static HeadPattern Classify(ReadOnlySpan<float> rows, int queries, int keys, int start)
    {
        double previous = 0, first = 0, self = 0;
        var counted = 0;
        for (var i = 0; i < queries; i++)
        {
            var pos = start + i;
            if (pos == 0) continue; // position 0 sees only itself: it says nothing about the head
            var row = rows.Slice(i * keys, keys);
            previous += row[pos - 1]; first += row[0]; self += row[pos];
            counted++;
        }
        if (counted == 0) return HeadPattern.FirstToken;
        previous /= counted; first /= counted; self /= counted;
        var best = Math.Max(previous, Math.Max(first, self));
        if (best < Dominance) return HeadPattern.Broad;
        return best == previous ? HeadPattern.PreviousToken : best == first ? HeadPattern.FirstToken : HeadPattern.Self;
    }

    /// <summary>1 for a head that puts all weight on one key, 0 for a uniform one (see <see cref="FocusCriterion"/>).</summary>
    public static double Focus(ReadOnlySpan<float> rows, int queries, int keys, int start)
    {
        double sum = 0;
        var counted = 0;
        for (var i = 0; i < queries; i++)
        {
            var n = start + i + 1;
            if (n < 2) continue;
            sum += 1 - AttentionMetrics.Entropy(rows.Slice(i * keys, n)) / Math.Log(n);
            counted++;
        }
        return counted == 0 ? 1 : sum / counted;
    }
}
