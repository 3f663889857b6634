using System.Buffers;

namespace Lens.Analyses;

/// <summary>
/// Scalar summaries of one attention row (the post-softmax weights of one query over its keys). Masked keys may be
/// present as zeros: they change none of the results.
/// </summary>
public static class AttentionMetrics
{
    public const double DefaultThreshold = 0.9;

    /// <summary>−Σ p ln p in nats; p = 0 contributes 0.</summary>
    public static double Entropy(ReadOnlySpan<float> row)
    {
        double h = 0;
        foreach (var p in row) if (p > 0) h -= p * Math.Log(p);
        return h;
    }

    public static float Max(ReadOnlySpan<float> row)
    {
        var m = 0f;
        foreach (var p in row) if (p > m) m = p;
        return m;
    }

    /// <summary>Fewest keys whose weights, largest first, sum to at least <paramref name="threshold"/>.</summary>
    public static int KEff(ReadOnlySpan<float> row, double threshold = DefaultThreshold)
    {
        if (row.Length == 0) return 0;
        if (Max(row) >= threshold) return 1; // a dominant key needs no sort: the common case in trained heads
        var rented = row.Length > 512 ? ArrayPool<float>.Shared.Rent(row.Length) : null;
        var sorted = rented is null ? stackalloc float[row.Length] : rented.AsSpan(0, row.Length);
        try
        {
            row.CopyTo(sorted);
            sorted.Sort();
            double sum = 0;
            for (var i = sorted.Length - 1; i >= 0; i--)
            {
                sum += sorted[i];
                if (sum >= threshold) return sorted.Length - i;
            }
            // Float rounding can leave a full row a hair under a threshold of 1: every key is then needed.
            return sorted.Length - CountZeros(sorted);
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>L2 norm of one query head's vector, accumulated in double.</summary>
    public static double Norm(ReadOnlySpan<float> vector)
    {
        double s = 0;
        foreach (var v in vector) s += (double)v * v;
        return Math.Sqrt(s);
    }

    private static int CountZeros(ReadOnlySpan<float> sorted)
    {
        var n = 0;
        foreach (var v in sorted) if (v <= 0) n++;
        return n;
    }
}
