namespace Lens.Analyses;

/// <summary>Operations on one row of logits or probabilities over the vocabulary.</summary>
public static class VocabularyDistribution
{
    /// <summary>Replaces logits by probabilities; the normaliser is summed in double so large vocabularies stay exact.</summary>
    public static void SoftmaxInPlace(Span<float> row)
    {
        var max = float.NegativeInfinity;
        foreach (var v in row) if (v > max) max = v;
        double sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var e = Math.Exp((double)row[i] - max);
            row[i] = (float)e;
            sum += e;
        }
        var inv = 1.0 / sum;
        for (var i = 0; i < row.Length; i++) row[i] = (float)(row[i] * inv);
    }

    /// <summary>log-softmax in double, the precision KL divergence needs.</summary>
    public static double[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity;
        foreach (var v in logits) if (v > max) max = v;
        double sum = 0;
        foreach (var v in logits) sum += Math.Exp(v - max);
        var lse = max + Math.Log(sum);
        var result = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++) result[i] = logits[i] - lse;
        return result;
    }

    /// <summary>The k largest values, largest first; ties go to the lower id (as argmax does).</summary>
    public static void TopK(ReadOnlySpan<float> values, Span<int> ids, Span<float> top)
    {
        var k = Math.Min(ids.Length, values.Length);
        var filled = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (filled == k && v <= top[k - 1]) continue;
            var slot = filled < k ? filled++ : k - 1;
            // Insertion keeps the list sorted; strict '>' keeps an earlier (lower) id ahead of an equal value.
            while (slot > 0 && v > top[slot - 1]) { top[slot] = top[slot - 1]; ids[slot] = ids[slot - 1]; slot--; }
            top[slot] = v; ids[slot] = i;
        }
        for (var i = k; i < ids.Length; i++) { ids[i] = -1; top[i] = 0; }
    }

    /// <summary>−Σ p ln p in nats; zero probabilities contribute nothing.</summary>
    public static double Entropy(ReadOnlySpan<float> probs)
    {
        double h = 0;
        foreach (var p in probs) if (p > 0) h -= p * Math.Log(p);
        return h;
    }

    /// <summary>0-based rank of <paramref name="id"/>: tokens more probable, plus equally probable ones with a lower id.</summary>
    public static int Rank(ReadOnlySpan<float> probs, int id)
    {
        var p = probs[id];
        var rank = 0;
        for (var i = 0; i < probs.Length; i++)
            if (probs[i] > p || (probs[i] == p && i < id)) rank++;
        return rank;
    }
}
