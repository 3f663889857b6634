using Lens.Engine.Inference;

namespace Lens.Engine.Sampling;

/// <summary>
/// The tokens a sampled draw may pick and their unnormalised weights exp((logit − max) / T), after the cuts:
/// top-k keeps the k most likely (ties → lower id), top-p the fewest most likely whose mass reaches p, min-p those at
/// least p_min × the most likely's probability. A draw of u·<see cref="Total"/> over <see cref="Weights"/> then samples
/// the renormalised distribution.
/// </summary>
internal sealed class SamplingDistribution
{
    public required int[] Ids { get; init; }
    public required double[] Weights { get; init; }
    public int Count { get; private set; }
    public double Total { get; private set; }

    public static SamplingDistribution Of(ReadOnlySpan<float> logits, GenerationOptions options)
    {
        if (logits.Length == 0) throw new ArgumentException("cannot sample from an empty logit vector");
        var max = float.NegativeInfinity;
        foreach (var l in logits) if (l > max) max = l;
        if (!float.IsFinite(max)) throw new ArgumentException($"cannot sample: the largest logit is {max}");

        var cut = options.TopK > 0 && options.TopK < logits.Length;
        var sorted = cut || options.TopP < 1f || options.MinP > 0f;
        var ids = cut ? TopK(logits, options.TopK) : Enumerable.Range(0, logits.Length).ToArray();
        var weights = new double[ids.Length];
        for (var i = 0; i < ids.Length; i++) weights[i] = Math.Exp((logits[ids[i]] - (double)max) / options.Temperature);
        if (sorted && !cut) SortDescending(weights, ids);

        var count = ids.Length;
        var total = Sum(weights, count);
        if (options.TopP < 1f)
        {
            double cumulative = 0;
            for (var i = 0; i < count; i++)
            {
                cumulative += weights[i];
                if (cumulative >= options.TopP * total) { count = i + 1; break; }
            }
            total = Sum(weights, count);
        }
        if (options.MinP > 0f)
        {
            var floor = options.MinP * weights[0]; // the most likely token always survives
            while (count > 1 && weights[count - 1] < floor) count--;
            total = Sum(weights, count);
        }
        return new SamplingDistribution { Ids = ids, Weights = weights, Count = count, Total = total };
    }

    /// <summary>The k largest logits' ids, most likely first, ties broken towards the lower id.</summary>
    private static int[] TopK(ReadOnlySpan<float> logits, int k)
    {
        // A min-heap of the best k so far: O(V log k) instead of sorting the vocabulary.
        var heap = new PriorityQueue<int, (float Logit, int NegId)>(k);
        for (var id = 0; id < logits.Length; id++)
        {
            var key = (logits[id], -id);
            if (heap.Count < k) heap.Enqueue(id, key);
            else if (heap.TryPeek(out _, out var worst) && Compare(key, worst) > 0) heap.EnqueueDequeue(id, key);
        }
        var ids = new int[heap.Count];
        for (var i = ids.Length - 1; i >= 0; i--) ids[i] = heap.Dequeue();
        return ids;
    }

    private static int Compare((float Logit, int NegId) a, (float Logit, int NegId) b) =>
        a.Logit != b.Logit ? a.Logit.CompareTo(b.Logit) : a.NegId.CompareTo(b.NegId);

    private static void SortDescending(double[] weights, int[] ids)
    {
        // Stable on ids: equal weights keep ascending id order (Array.Sort is unstable, so sort by (−w, id) keys).
        var keys = new (double, int)[ids.Length];
        for (var i = 0; i < ids.Length; i++) keys[i] = (-weights[i], ids[i]);
        Array.Sort(keys);
        for (var i = 0; i < ids.Length; i++) { weights[i] = -keys[i].Item1; ids[i] = keys[i].Item2; }
    }

    private static double Sum(double[] weights, int count)
    {
        double sum = 0;
        for (var i = 0; i < count; i++) sum += weights[i];
        return sum;
    }
}
