using Lens.Engine.Inference;

namespace Lens.Engine.Sampling;

/// <summary>Greedy or temperature/top-k/top-p sampling with a seeded, platform-independent generator (SplitMix64).</summary>
public sealed class Sampler(GenerationOptions options)
{
    private ulong _state = options.Seed;

    public int Next(ReadOnlySpan<float> logits)
    {
        if (options.Temperature <= 0) return ArgMax(logits);
        var order = Enumerable.Range(0, logits.Length).ToArray();
        var values = logits.ToArray();
        Array.Sort(order, (a, b) => values[b].CompareTo(values[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var keep = options.TopK > 0 ? Math.Min(options.TopK, order.Length) : order.Length;
        var probs = new double[keep];
        var max = values[order[0]];
        double sum = 0;
        for (var i = 0; i < keep; i++) { probs[i] = Math.Exp((values[order[i]] - max) / options.Temperature); sum += probs[i]; }
        for (var i = 0; i < keep; i++) probs[i] /= sum;
        if (options.TopP < 1f)
        {
            double cumulative = 0;
            for (var i = 0; i < keep; i++)
            {
                cumulative += probs[i];
                if (cumulative >= options.TopP) { keep = i + 1; break; }
            }
            sum = probs.AsSpan(0, keep).ToArray().Sum();
        }
        var u = NextDouble() * sum;
        for (var i = 0; i < keep; i++)
        {
            u -= probs[i];
            if (u <= 0) return order[i];
        }
        return order[keep - 1];
    }

    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    private double NextDouble()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
