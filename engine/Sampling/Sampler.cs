using Lens.Engine.Inference;

namespace Lens.Engine.Sampling;

/// <summary>
/// Picks the next token: greedy (temperature 0), or a seeded draw from softmax(logits / T) after the top-k, top-p and
/// min-p cuts, renormalised over what they keep (the order Hugging Face's warpers apply them in). The generator is
/// SplitMix64, so a seed gives the same tokens on every platform.
/// </summary>
public sealed class Sampler
{
    private readonly GenerationOptions _options;
    private ulong _state;

    public Sampler(GenerationOptions options)
    {
        Validate(options);
        _options = options;
        _state = options.Seed;
    }

    /// <summary>Rejects settings no sampler can honour, naming the setting.</summary>
    public static void Validate(GenerationOptions options)
    {
        if (!float.IsFinite(options.Temperature) || options.Temperature < 0)
            throw new ArgumentException($"temperature must be a finite number >= 0 (0 = greedy), not {options.Temperature}");
        if (options.TopK < 0) throw new ArgumentException($"top-k must be >= 0 (0 = no cut), not {options.TopK}");
        if (!(options.TopP > 0 && options.TopP <= 1)) throw new ArgumentException($"top-p must be in (0, 1], not {options.TopP}");
        if (!(options.MinP >= 0 && options.MinP <= 1)) throw new ArgumentException($"min-p must be in [0, 1], not {options.MinP}");
    }

    public int Next(ReadOnlySpan<float> logits)
    {
        if (_options.Temperature <= 0) return ArgMax(logits);
        var candidates = SamplingDistribution.Of(logits, _options);
        var u = NextDouble() * candidates.Total;
        for (var i = 0; i < candidates.Count; i++)
        {
            u -= candidates.Weights[i];
            if (u < 0) return candidates.Ids[i];
        }
        return candidates.Ids[candidates.Count - 1]; // only reached through rounding when u lands on Total
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
